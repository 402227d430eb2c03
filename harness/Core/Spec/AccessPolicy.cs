namespace ConformanceKit.Spec;

/// <summary>Who may open the user client (rule access.entitlement).</summary>
public enum AccessPolicy
{
    /// <summary>The dext has com.apple.developer.driverkit.allow-any-userclient-access.</summary>
    Any,
    /// <summary>Only apps whose com.apple.developer.driverkit.userclient-access lists the dext's bundle identifier.</summary>
    Entitled,
}

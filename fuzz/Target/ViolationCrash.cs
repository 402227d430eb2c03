namespace ConformanceKit.Fuzz.Target;

/// <summary>Thrown to make AFL++ record the input as a crash: a rule broke or the dext died.</summary>
public sealed class ViolationCrash(string signature) : Exception(signature);

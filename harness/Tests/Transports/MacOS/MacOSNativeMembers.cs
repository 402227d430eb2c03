using System.Reflection;
using System.Runtime.InteropServices;
using ConformanceKit.Transports.MacOS;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>The P/Invoke declarations, callbacks and constants the macOS transport assembly holds.</summary>
static class MacOSNativeMembers
{
    const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    static IEnumerable<Type> Types =>
        typeof(IOKitTransport).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith(typeof(IOKitTransport).Namespace!, StringComparison.Ordinal) == true);

    public static IReadOnlyList<(MethodInfo Method, LibraryImportAttribute Import)> Imports { get; } =
        Types.SelectMany(t => t.GetMethods(All))
            .Select(m => (Method: m, Import: m.GetCustomAttribute<LibraryImportAttribute>()))
            .Where(p => p.Import is not null)
            .Select(p => (p.Method, p.Import!))
            .ToArray();

    public static IReadOnlyList<MethodInfo> UnmanagedCallbacks { get; } =
        Types.SelectMany(t => t.GetMethods(All)).Where(m => m.GetCustomAttribute<UnmanagedCallersOnlyAttribute>() is not null).ToArray();

    /// <summary>Constants of the Native classes that are named as in Apple's headers.</summary>
    public static IReadOnlyList<FieldInfo> Constants { get; } =
        new[] { typeof(ConformanceKit.Transports.MacOS.Native.IOKitConstants), typeof(ConformanceKit.Transports.MacOS.Native.MachConstants),
                typeof(ConformanceKit.Transports.MacOS.Native.DispatchConstants) }
            .SelectMany(t => t.GetFields(All)).Where(f => f.IsLiteral).ToArray();

    public static string NameOf(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";
}

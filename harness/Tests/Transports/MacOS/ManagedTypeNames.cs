using System.Runtime.CompilerServices;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>C#-style names of managed types, the vocabulary CTypeTable maps C types into.</summary>
static class ManagedTypeNames
{
    static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(byte)] = "byte", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
        [typeof(string)] = "string",
    };

    /// <summary>int, uint*, MachMessageHeader, ...; a by-ref (out/ref) parameter reads as a pointer, as in C.</summary>
    public static string Of(Type type)
    {
        if (type.IsByRef || type.IsPointer) return Of(type.GetElementType()!) + "*";
        return Keywords.TryGetValue(type, out var keyword) ? keyword : type.Name;
    }

    /// <summary>A field's type; a fixed buffer reads as "ulong[8]".</summary>
    public static string OfField(System.Reflection.FieldInfo field) =>
        field.GetCustomAttributes(typeof(FixedBufferAttribute), false) is [FixedBufferAttribute buffer]
            ? $"{Of(buffer.ElementType)}[{buffer.Length}]"
            : Of(field.FieldType);
}

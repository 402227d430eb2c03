using System.Buffers.Binary;

namespace ConformanceKit.Spec.Expressions;

/// <summary>
/// An unsigned 64-bit expression over a call's inputs, used by the spec to state results and
/// completion arguments. Arithmetic wraps like C's uint64_t. Missing inputs read as 0.
/// </summary>
public abstract record Expr
{
    public abstract ulong Evaluate(in ExprInputs inputs);

    public sealed record Literal(ulong Value) : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs) => Value;
        public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The output index when a formula is applied to each scalar output.</summary>
    public sealed record Index : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs) => inputs.Index;
        public override string ToString() => "i";
    }

    public sealed record ScalarInput(Expr Position) : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs)
        {
            var k = Position.Evaluate(inputs);
            return k < (ulong)inputs.Scalars.Length ? inputs.Scalars[(int)k] : 0;
        }
        public override string ToString() => $"in.scalar[{Position}]";
    }

    /// <summary>The structure input read as little-endian 64-bit words; a partial last word is zero-padded.</summary>
    public sealed record StructWord(Expr Position) : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs)
        {
            var k = Position.Evaluate(inputs);
            if (k >= (ulong)inputs.Struct.Length / 8 + 1) return 0; // also keeps k * 8 from overflowing
            var offset = (int)k * 8;
            if (offset >= inputs.Struct.Length) return 0;
            Span<byte> word = stackalloc byte[8];
            word.Clear();
            inputs.Struct.Slice(offset, Math.Min(8, inputs.Struct.Length - offset)).CopyTo(word);
            return BinaryPrimitives.ReadUInt64LittleEndian(word);
        }
        public override string ToString() => $"in.u64[{Position}]";
    }

    /// <summary>An integer field of the structure input, located by the selector's template (0 when the input is not one of its sizes).</summary>
    public sealed record FieldValue(StructTemplate Template, string Name) : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs) => Template.ReadInteger(inputs.Struct, Name) ?? 0;
        public override string ToString() => $"in.field.{Name}";
    }

    public sealed record ScalarCount : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs) => (ulong)inputs.Scalars.Length;
        public override string ToString() => "in.scalars";
    }

    public sealed record StructSize : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs) => (ulong)inputs.Struct.Length;
        public override string ToString() => "in.size";
    }

    public sealed record Not(Expr Operand) : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs) => ~Operand.Evaluate(inputs);
        public override string ToString() => $"~{Operand}";
    }

    public sealed record Binary(char Operator, Expr Left, Expr Right) : Expr
    {
        public override ulong Evaluate(in ExprInputs inputs)
        {
            var a = Left.Evaluate(inputs);
            var b = Right.Evaluate(inputs);
            return Operator switch
            {
                '+' => unchecked(a + b),
                '-' => unchecked(a - b),
                '*' => unchecked(a * b),
                '&' => a & b,
                '|' => a | b,
                '^' => a ^ b,
                '<' => b >= 64 ? 0 : a << (int)b,
                '>' => b >= 64 ? 0 : a >> (int)b,
                _ => throw new InvalidOperationException($"unknown operator {Operator}"),
            };
        }

        public override string ToString()
        {
            var op = Operator switch { '<' => "<<", '>' => ">>", _ => Operator.ToString() };
            return $"({Left} {op} {Right})";
        }
    }
}

/// <summary>What an expression may read: the call's scalar and structure inputs and an output index.</summary>
public readonly ref struct ExprInputs(ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> structInput, ulong index = 0)
{
    public ReadOnlySpan<ulong> Scalars { get; } = scalars;
    public ReadOnlySpan<byte> Struct { get; } = structInput;
    public ulong Index { get; } = index;
}

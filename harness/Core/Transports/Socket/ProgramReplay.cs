using System.Buffers.Binary;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The records of one RunProgram answer (PROTOCOL.md "RunProgram": u32 op, u64 request hash, i32
/// status, u32 n, n payload bytes each), handed out in order as the answers to the runner's requests.
/// Each request must be the one the host made — same operation, same FNV-1a hash of its payload —
/// or the host's executor and the runner have drifted apart, which is a bug in one of them and is
/// reported as such, never judged. The host explains every failed open and map with a LastError
/// record; the runner asks only when it wants the words, so one it does not ask for is passed over.
/// The records of a program that crashed the dext end before the operation that crashed it: the
/// runner's request for that operation gets the crash (<see cref="EndWith"/>), as it would have live.
/// </summary>
internal sealed class ProgramReplay
{
    const int RecordHeader = 4 + 8 + 4 + 4;

    byte[] _records = new byte[64 << 10];
    int _length;
    int _offset;
    uint _count;
    uint _answered;
    DextCrashedException? _ending;

    public bool IsActive { get; private set; }

    public void Load(uint count, ReadOnlySpan<byte> records)
    {
        if (records.Length > _records.Length) _records = new byte[Math.Max(records.Length, _records.Length * 2)];
        records.CopyTo(_records);
        _length = records.Length;
        _count = count;
        _offset = 0;
        _answered = 0;
        _ending = null;
    }

    /// <summary>What the request after the last record meets: the crash that ended the host there.</summary>
    public void EndWith(DextCrashedException crash) => _ending = crash;

    public void Start() => IsActive = true;

    public void Stop() => IsActive = false;

    public ResponseReader Answer(FrameWriter request)
    {
        var frame = request.Finish();
        var hash = RequestHash(frame[8..]);
        while (true)
        {
            if (_offset + RecordHeader > _length && _ending is not null) throw _ending;
            if (_offset + RecordHeader > _length)
                throw Diverged($"the runner asked for {request.Op} after the host's last record ({_count} records)");
            var records = _records.AsSpan(0, _length);
            var op = (HostOp)BinaryPrimitives.ReadUInt32LittleEndian(records[_offset..]);
            var madeHash = BinaryPrimitives.ReadUInt64LittleEndian(records[(_offset + 4)..]);
            var status = BinaryPrimitives.ReadInt32LittleEndian(records[(_offset + 12)..]);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(records[(_offset + 16)..]);
            var payload = _offset + RecordHeader;
            if (size < 0 || payload + size > _length) throw Diverged($"record {_answered + 1} runs past the answer");
            _offset = payload + size;
            _answered++;
            if (op == HostOp.LastError && request.Op != HostOp.LastError) continue;
            if (op != request.Op || madeHash != hash)
                throw Diverged($"record {_answered} is {op}{(op == request.Op ? " of another request" : "")}, the runner asked for {request.Op}");
            return new ResponseReader(request.Op, status, records.Slice(payload, size));
        }
    }

    /// <summary>
    /// What ProgramOps.cpp's RequestHash hashes each request it makes with: FNV-1a's 64-bit constants,
    /// one little-endian 64-bit word at a time, then the last length % 8 bytes one at a time.
    /// </summary>
    internal static ulong RequestHash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x100000001b3UL;
        var hash = 0xcbf29ce484222325UL;
        var k = 0;
        for (; k + 8 <= bytes.Length; k += 8) hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[k..])) * Prime;
        for (; k < bytes.Length; k++) hash = (hash ^ bytes[k]) * Prime;
        return hash;
    }

    /// <summary>
    /// Passes over the records the runner did not ask for (it stopped at a violation) to the last one,
    /// the host's teardown. False when the records ended with the crash before it: no teardown was made.
    /// With every record asked for, there is nothing to pass over, and a crash that ended the records
    /// is the teardown's own: the next request meets it.
    /// </summary>
    public bool SkipToLast()
    {
        var last = -1;
        var skipped = 0u;
        for (var offset = _offset; offset + RecordHeader <= _length;)
        {
            if (last >= 0) skipped++;
            last = offset;
            offset += RecordHeader + (int)BinaryPrimitives.ReadUInt32LittleEndian(_records.AsSpan(offset + 16));
        }
        if (last < 0) return _ending is not null;
        if (_ending is not null) return false;
        _offset = last;
        _answered += skipped;
        return true;
    }

    static InvalidOperationException Diverged(string detail) =>
        new($"dexthost's program executor and the harness's runner disagree ({detail}): a bug in ConformanceKit, not in the dext; " +
            "please report it with the program");
}

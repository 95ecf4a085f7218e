using System.Buffers.Binary;

namespace Chain.Protocol.Encoding;

/// <summary>
/// Writes the canonical binary encoding (docs/protocol.md §2): fixed field order, little-endian
/// fixed-width integers, u32 length prefixes for variable bytes, u8 length prefixes for short strings.
/// One value has exactly one encoding.
/// </summary>
public sealed class CanonicalWriter
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Whether <see cref="ToArray"/> handed <see cref="_buffer"/> out: it is the caller's now, so a later write copies first.</summary>
    private bool _handedOut;

    /// <param name="initialCapacity">
    /// The expected encoded size. When it is exact, <see cref="ToArray"/> returns the buffer itself: a block encodes with one
    /// allocation of its size instead of a doubling series and a copy (megabytes per block on the large object heap).
    /// </param>
    public CanonicalWriter(int initialCapacity = 256) => _buffer = new byte[Math.Max(16, initialCapacity)];

    public int Length => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>
    /// The encoding: the buffer itself the first time it is exactly full (no copy), else a copy of what was written. Every call returns
    /// an array of its own, as callers expect (some compare values by reference).
    /// </summary>
    public byte[] ToArray()
    {
        if (_written == _buffer.Length && !_handedOut)
        {
            _handedOut = true;
            return _buffer;
        }

        return _buffer.AsSpan(0, _written).ToArray();
    }

    public void WriteU8(byte value)
    {
        Reserve(1)[0] = value;
        Advance(1);
    }

    public void WriteBool(bool value) => WriteU8(value ? (byte)1 : (byte)0);

    public void WriteU16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        Advance(2);
    }

    public void WriteU32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        Advance(4);
    }

    public void WriteU64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        Advance(8);
    }

    public void WriteI64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        Advance(8);
    }

    /// <summary>Raw bytes of a fixed, schema-known length (hashes, keys, signatures).</summary>
    public void WriteFixed(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>u32 length prefix, then the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteU32(checked((uint)bytes.Length));
        WriteFixed(bytes);
    }

    /// <summary>u8 length prefix, then ASCII bytes. Only printable ASCII is allowed.</summary>
    public void WriteAscii(string value)
    {
        if (value.Length > byte.MaxValue)
        {
            throw new ArgumentException("string longer than 255 characters", nameof(value));
        }

        WriteU8((byte)value.Length);
        var span = Reserve(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < (char)0x20 or > (char)0x7e)
            {
                throw new ArgumentException("only printable ASCII can be encoded", nameof(value));
            }

            span[i] = (byte)c;
        }

        Advance(value.Length);
    }

    /// <summary>Room for <paramref name="count"/> more bytes, growing (doubling) when needed.</summary>
    private Span<byte> Reserve(int count)
    {
        var needed = checked(_written + count);
        if (needed > _buffer.Length || _handedOut)
        {
            var grown = new byte[Math.Max(needed, _handedOut ? _buffer.Length : checked(_buffer.Length * 2))];
            _buffer.AsSpan(0, _written).CopyTo(grown);
            _buffer = grown;
            _handedOut = false;
        }

        return _buffer.AsSpan(_written, count);
    }

    private void Advance(int count) => _written += count;
}

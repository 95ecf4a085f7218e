using System.Buffers;
using System.Buffers.Binary;

namespace Chain.Protocol.Encoding;

/// <summary>
/// Writes the canonical binary encoding (docs/protocol.md §2): fixed field order, little-endian
/// fixed-width integers, u32 length prefixes for variable bytes, u8 length prefixes for short strings.
/// One value has exactly one encoding.
/// </summary>
public sealed class CanonicalWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public CanonicalWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(Math.Max(16, initialCapacity));

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteU8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteBool(bool value) => WriteU8(value ? (byte)1 : (byte)0);

    public void WriteU16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void WriteU32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteU64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteI64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Raw bytes of a fixed, schema-known length (hashes, keys, signatures).</summary>
    public void WriteFixed(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
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
        var span = _buffer.GetSpan(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < (char)0x20 or > (char)0x7e)
            {
                throw new ArgumentException("only printable ASCII can be encoded", nameof(value));
            }

            span[i] = (byte)c;
        }

        _buffer.Advance(value.Length);
    }
}

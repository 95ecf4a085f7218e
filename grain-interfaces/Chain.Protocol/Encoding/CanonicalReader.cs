using System.Buffers.Binary;

namespace Chain.Protocol.Encoding;

/// <summary>
/// Reads the canonical encoding from untrusted bytes. Every length is checked against both the
/// remaining input and a caller-supplied bound before anything is allocated, so the cost of decoding
/// is bounded by the input size. <see cref="EnsureEnd"/> rejects trailing bytes.
/// </summary>
public ref struct CanonicalReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public CanonicalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public readonly int Position => _position;

    public byte ReadU8() => Take(1)[0];

    public bool ReadBool() => ReadU8() switch
    {
        0 => false,
        1 => true,
        var b => throw new DecodeException($"boolean byte must be 0 or 1, got {b}"),
    };

    public ushort ReadU16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadU32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadI64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> ReadFixed(int length) => Take(length);

    /// <summary>Reads a u32-length-prefixed byte string of at most <paramref name="maxLength"/> bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int maxLength)
    {
        var length = ReadU32();
        if (length > (uint)maxLength)
        {
            throw new DecodeException($"byte string of {length} bytes exceeds the limit of {maxLength}");
        }

        return Take((int)length);
    }

    /// <summary>Reads a u8-length-prefixed printable-ASCII string of at most <paramref name="maxLength"/> characters.</summary>
    public string ReadAscii(int maxLength)
    {
        var length = ReadU8();
        if (length > maxLength)
        {
            throw new DecodeException($"string of {length} characters exceeds the limit of {maxLength}");
        }

        var bytes = Take(length);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7e)
            {
                throw new DecodeException("string contains a byte outside printable ASCII");
            }
        }

        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Reads a u32 element count for a list, bounded by <paramref name="maxCount"/> and by the remaining input.</summary>
    public int ReadCount(int maxCount, int minElementSize)
    {
        var count = ReadU32();
        if (count > (uint)maxCount)
        {
            throw new DecodeException($"list of {count} elements exceeds the limit of {maxCount}");
        }

        if ((long)count * minElementSize > Remaining)
        {
            throw new DecodeException($"list of {count} elements cannot fit in the remaining {Remaining} bytes");
        }

        return (int)count;
    }

    /// <summary>Throws unless every byte has been consumed.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _data.Length)
        {
            throw new DecodeException($"{_data.Length - _position} trailing bytes after the value");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new DecodeException($"unexpected end of input: needed {count} bytes at offset {_position}, {Remaining} left");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}

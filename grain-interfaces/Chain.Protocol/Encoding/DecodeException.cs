namespace Chain.Protocol.Encoding;

/// <summary>
/// Thrown by <see cref="CanonicalReader"/> when untrusted bytes are not a canonical encoding.
/// Callers at the edge catch it and turn it into a typed error; it never escapes a grain.
/// </summary>
public sealed class DecodeException(string message) : Exception(message);

using System.Text.Json;
using System.Text.Json.Serialization;
using Chain.Protocol.Crypto;

namespace Chain.Protocol.Files;

/// <summary>
/// A key file: JSON with the address, the public key and the 32-byte Ed25519 seed in hex.
/// Written with mode 0600 on Unix. The seed is the secret: whoever has the file controls the account.
/// </summary>
public static class KeyFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write(string path, KeyPair key)
    {
        var doc = new KeyFileJson(key.Address.ToString(), key.PublicKey.ToString(), Convert.ToHexStringLower(key.ExportSeed()));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(doc, Options));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: false);
    }

    /// <summary>Reads a key file; throws <see cref="InvalidDataException"/> with a readable reason when it is not one.</summary>
    public static KeyPair Read(string path)
    {
        KeyFileJson? doc;
        try
        {
            doc = JsonSerializer.Deserialize<KeyFileJson>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a key file: {e.Message}");
        }

        if (doc?.PrivateKey is null || doc.PrivateKey.Length != 64)
        {
            throw new InvalidDataException($"{path} is not a key file: 'privateKey' must be 64 hex characters");
        }

        byte[] seed;
        try
        {
            seed = Convert.FromHexString(doc.PrivateKey);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{path} is not a key file: 'privateKey' is not hex");
        }

        var key = KeyPair.FromSeed(seed);
        if (doc.PublicKey is not null && !string.Equals(doc.PublicKey, key.PublicKey.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            key.Dispose();
            throw new InvalidDataException($"{path}: 'publicKey' does not match 'privateKey'");
        }

        return key;
    }

    private sealed record KeyFileJson(
        [property: JsonPropertyName("address")] string? Address,
        [property: JsonPropertyName("publicKey")] string? PublicKey,
        [property: JsonPropertyName("privateKey")] string? PrivateKey);
}

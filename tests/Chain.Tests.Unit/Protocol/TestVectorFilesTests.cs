using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>
/// The vector files are exactly what the protocol library computes today. Set CHAIN_REGENERATE_VECTORS=1
/// to rewrite docs/test-vectors instead (then rebuild and run again to check them).
/// </summary>
public sealed class TestVectorFilesTests
{
    [Fact]
    public void Every_vector_file_matches_what_the_protocol_library_computes()
    {
        var generated = VectorGenerator.Generate();
        if (VectorFiles.RegenerationRequested)
        {
            var directory = VectorFiles.SourceDirectory();
            Directory.CreateDirectory(directory);
            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(directory, name), text);
            }

            Assert.All(generated, g => Assert.Equal(g.Value, File.ReadAllText(Path.Combine(directory, g.Key))));
            return;
        }

        Assert.All(generated, g =>
        {
            Assert.True(File.Exists(VectorFiles.CopiedPath(g.Key)), $"{g.Key} is missing; run with {VectorFiles.RegenerateVariable}=1");
            Assert.Equal(g.Value, File.ReadAllText(VectorFiles.CopiedPath(g.Key)));
        });
    }

    [Fact]
    public void Vector_generation_is_deterministic()
    {
        Assert.Equal(VectorGenerator.Generate(), VectorGenerator.Generate());
    }
}

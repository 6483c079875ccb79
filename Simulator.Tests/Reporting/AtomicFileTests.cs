using DeploySim.Reporting;

namespace DeploySim.Tests.Reporting;

public sealed class AtomicFileTests
{
    [Test]
    public void WriteAllText_NewFile_WritesContentAndLeavesNoTempFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("summary.json");

        AtomicFile.WriteAllText(path, "{}\n");

        Assert.That(File.ReadAllText(path), Is.EqualTo("{}\n"));
        Assert.That(Directory.GetFiles(dir.Path), Is.EquivalentTo(new[] { path }));
    }

    [Test]
    public void WriteAllText_ExistingFile_ReplacesIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.csv");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.WriteAllText(path, "new");

        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(dir.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void Write_WriterThrowsMidway_KeepsOldTargetAndRemovesTempFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("replications.csv");
        File.WriteAllText(path, "complete old file\n");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial row,"u8);
            s.Flush();
            throw new InvalidOperationException("interrupted");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("complete old file\n"));
        Assert.That(Directory.GetFiles(dir.Path), Is.EquivalentTo(new[] { path }));
    }

    [Test]
    public void Write_WriterThrowsWithNoTarget_LeavesNoFileAtAll()
    {
        using var dir = new TempDirectory();
        var path = dir.File("timeline.csv");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new IOException("disk full");
        }));

        Assert.That(Directory.GetFiles(dir.Path), Is.Empty);
    }

    [Test]
    public void Write_WhileWriting_TargetDoesNotExistAndTempIsHidden()
    {
        using var dir = new TempDirectory();
        var path = dir.File("capacity.png");
        string[] during = [];

        AtomicFile.Write(path, s =>
        {
            s.Write("x"u8);
            during = Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray()!;
        });

        Assert.That(during, Has.Length.EqualTo(1));
        Assert.That(during[0], Does.StartWith(".capacity.png.").And.EndWith(".tmp"));
        Assert.That(File.Exists(path), Is.True);
    }
}

using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

public sealed class SimDurationTests
{
    [TestCase("250ms", 250)]
    [TestCase("30s", 30_000)]
    [TestCase("5m", 300_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("2d", 172_800_000)]
    [TestCase("1h0m5s", 3_605_000)]
    [TestCase("0s", 0)]
    [TestCase(" 10s ", 10_000)]
    public void Parse_ValidText_GivesMilliseconds(string text, long ms) =>
        Assert.That(SimDuration.Parse(text).Milliseconds, Is.EqualTo(ms));

    [TestCase("", "empty duration")]
    [TestCase("30", "the number 30 has no unit")]
    [TestCase("1.5s", "invalid duration '1.5s'")]
    [TestCase("5x", "invalid duration '5x'")]
    [TestCase("30m1h", "largest unit first")]
    [TestCase("1s1s", "invalid duration '1s1s'")]
    [TestCase("-5s", "negative duration '-5s'")]
    [TestCase("s", "invalid duration 's'")]
    [TestCase("99999999999999d", "too large")]
    [TestCase("1 h", "invalid duration '1 h'")]
    public void Parse_InvalidText_ThrowsWithMessage(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SimDuration.Parse(text));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [TestCase(250, "250ms")]
    [TestCase(90_000, "1m30s")]
    [TestCase(0, "0s")]
    [TestCase(5_400_000, "1h30m")]
    [TestCase(172_800_000, "2d")]
    [TestCase(1_500, "1s500ms")]
    public void ToString_PrintsCompactForm(long ms, string text) =>
        Assert.That(new SimDuration(ms).ToString(), Is.EqualTo(text));

    [Test]
    public void ToString_RoundTripsThroughParse()
    {
        foreach (long ms in new long[] { 1, 999, 1000, 61_001, 86_400_001, 3_600_000 * 25 })
            Assert.That(SimDuration.Parse(new SimDuration(ms).ToString()).Milliseconds, Is.EqualTo(ms));
    }

    [Test]
    public void Operators_TimePlusDuration_AndTimeMinusTime()
    {
        var t = SimTime.FromSeconds(10) + SimDuration.FromSeconds(5);
        Assert.That(t.Milliseconds, Is.EqualTo(15_000));
        Assert.That((t - SimTime.FromSeconds(3)).Milliseconds, Is.EqualTo(12_000));
    }
}

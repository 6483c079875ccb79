using System.Globalization;

namespace DeploySim.Tests.Reporting;

/// <summary>Runs code under a culture that writes numbers the German way (decimal comma, '.' groups, a Unicode minus,
/// its own NaN and infinity symbols). The project sets InvariantGlobalization, which has no de-DE data, so the culture
/// is a modified clone of the invariant one: what matters is that it formats numbers differently.</summary>
internal static class CommaCulture
{
    public static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var nf = culture.NumberFormat;
        nf.NumberDecimalSeparator = ",";
        nf.NumberGroupSeparator = ".";
        nf.PercentDecimalSeparator = ",";
        nf.CurrencyDecimalSeparator = ",";
        nf.NegativeSign = "\u2212";
        nf.NaNSymbol = "n. def.";
        nf.PositiveInfinitySymbol = "unendlich";
        return culture;
    }

    public static T Run<T>(Func<T> action)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = Create();
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            Assert.That((1.5).ToString(CultureInfo.CurrentCulture), Is.EqualTo("1,5"), "the culture under test must format differently");
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}

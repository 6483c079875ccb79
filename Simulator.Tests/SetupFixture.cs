using System.Globalization;

namespace DeploySim.Tests;

/// <summary>Runs every test under the invariant culture, whatever the machine's locale.</summary>
[SetUpFixture]
public sealed class SetupFixture
{
    [OneTimeSetUp]
    public void ForceInvariantCulture()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        DeploySim.Model.ScenarioRunner.CheckInvariantsByDefault = true;   // every model run in the suite checks its invariants
    }
}

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>Why a strategy created a CodeDeploy deployment: what it does when the deployment ends depends on it.</summary>
public enum DeploymentPurpose
{
    /// <summary>The revision being rolled out (in place).</summary>
    Rollout,
    /// <summary>The follow-on deployment to instances launched during the rollout (docs/model.md#auto-scaling-and-codedeploy).</summary>
    FollowOn,
    /// <summary>Redeploying the last good revision after a failure.</summary>
    Rollback,
    /// <summary>A revert commit deploying the previous revision after a bad one.</summary>
    Revert,
    /// <summary>Blue/green: installing the revision on the replacement instances.</summary>
    BlueGreenInstall,
    /// <summary>Blue/green: registering the replacements (AllowTraffic).</summary>
    BlueGreenReroute,
    /// <summary>Blue/green: deregistering the originals (BlockTraffic).</summary>
    BlueGreenBlockOriginals,
    /// <summary>Blue/green rollback: registering the originals again.</summary>
    BlueGreenRerouteBack,
    /// <summary>Blue/green rollback: deregistering the replacements.</summary>
    BlueGreenBlockReplacements,
}

namespace DeploySim.Scenarios;

/// <summary>The CodeDeploy agent's own words when it rejects an appspec (aws/aws-codedeploy-agent, v1.8.1, commit
/// 800eb28), quoted so that a DeploySim error reads like the deployment failure it predicts. Each constant cites the
/// line that raises it.</summary>
internal static class AgentReasons
{
    /// <summary>application_specification.rb:16-17 (<c>YAML.load</c> gave nothing).</summary>
    public const string Empty = "The deployment failed because the application specification file was empty. Make sure your AppSpec file defines at minimum the 'version' and 'os' properties.";

    /// <summary>application_specification.rb:41-44; supported versions are <c>[0.0]</c> (lines 32-34), compared with
    /// Ruby's <c>==</c>, so <c>0</c> and <c>0.0</c> pass and the string <c>"0.0"</c> does not.</summary>
    public static string Version(string value) =>
        $"The deployment failed because an invalid version value ({value}) was entered in the application specification file. Make sure your AppSpec file specifies \"0.0\" as the version, and then try again.";

    /// <summary>application_specification.rb:59-62; linux_util.rb:7-9 (windows_util.rb on Windows).</summary>
    public static string OperatingSystem(string value) =>
        $"The deployment failed because the application specification file specifies an unsupported operating system ({value}). Specify either \"linux\" or \"windows\" in the os section of the AppSpec file, and then try again.";

    /// <summary>application_specification.rb:48-51.</summary>
    public static string FileExistsBehavior(string value) =>
        $"The deployment failed because an invalid file_exists_behavior value ({value}) was entered in the application specification file. Make sure your AppSpec file specifies one of DISALLOW,OVERWRITE,RETAIN as the file_exists_behavior, and then try again.";

    /// <summary>application_specification.rb:89-90 (no <c>location</c>) and script_info.rb:11-12 (empty after <c>strip</c>).</summary>
    public const string NoLocation = "The deployment failed because the application specification file specifies a script with no location value. Specify the location in the hooks section of the AppSpec file, and then try again.";

    /// <summary>script_info.rb:17-20: <c>(timeout || 3600).to_i</c> must be above 0.</summary>
    public const string Timeout = "The deployment failed because an invalid timeout value was provided for a script in the application specification file. Make corrections in the hooks section of the AppSpec file, and then try again.";

    /// <summary>file_info.rb:10-11.</summary>
    public const string NoSource = "The deployment failed because the application specification file specifies a destination file, but no source file. Update the files section of the AppSpec file, and then try again.";

    /// <summary>file_info.rb:12-13.</summary>
    public static string NoDestination(string source) =>
        $"The deployment failed because the application specification file specifies only a source file ({source}). Add the name of the destination file to the files section of the AppSpec file, and then try again.";

    /// <summary>application_specification.rb:103-104.</summary>
    public const string NoObject = "The deployment failed because a permission listed in the application specification file has no object value. Update the permissions section of the AppSpec file, and then try again.";

    /// <summary>application_specification.rb:106, 118-119 (the agent's spelling kept).</summary>
    public const string PermissionsOnWindows = "The deployment failed because the application specification file specifiles file permissions, but the deployment is targeting one or more Windows Server instances. Permissions are supported only for Amazon Linux, Ubuntu Server, and Red Hat Enterprise Linux (RHEL) instances. Update the permissions section of the AppSpec file, and then try again.";

    /// <summary>application_specification.rb:138-146 (the agent's spelling kept).</summary>
    public static string PermissionType(string type) =>
        $"The deployment failed because the application specification filespecifies a permission for an object type not supported for permissions ({type}). Update the permissions section of the AppSpec file, and then try again.";

    /// <summary>mode_info.rb:14-20.</summary>
    public static string ModeLength(string mode) =>
        $"The deployment failed because the length of a permissions mode ({mode}) in the application specification file is invalid. Permissions modes must be between one and four characters long. Update the permissions section of the AppSpec file, and then try again.";

    /// <summary>mode_info.rb:21-24.</summary>
    public static string ModeCharacter(string mode, char c) =>
        $"The deployment failed because the permissions mode ({mode}) in the application specification file contains an invalid character ({c}). Update the permissions section of the AppSpec file, and then try again.";
}

namespace DeploySim.Scenarios;

/// <summary>The <c>files:</c> and <c>permissions:</c> sections of an appspec, checked as the agent checks them
/// (application_specification.rb:66-73 and 99-150, file_info.rb, mode_info.rb). The simulator copies no files and sets
/// no permissions: these are read only to reject what the agent rejects. <c>acls</c> and <c>context</c> are not checked.</summary>
internal static class AppSpecSections
{
    private static readonly string[] PermissionTypes = ["file", "directory"];

    public static void Files(ReadContext ctx, YamlNode? files)
    {
        if (files is null) return;
        if (files is not YamlSequence seq)
        {
            ctx.Error(files, "files", $"wrong type: expected a list of {{source, destination}}, got {files.Describe()}");
            return;
        }
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string field = ReadContext.Join("files", i);
            if (seq.Items[i] is not YamlMapping m)
            {
                ctx.Error(seq.Items[i], field, $"wrong type: expected a mapping {{source, destination}}, got {seq.Items[i].Describe()}");
                continue;
            }
            var source = AppSpecReader.Value(m, "source");
            if (source is null) ctx.Error(m, ReadContext.Join(field, "source"), AgentReasons.NoSource);
            else if (AppSpecReader.Value(m, "destination") is null)
                ctx.Error(m, ReadContext.Join(field, "destination"), AgentReasons.NoDestination(source is YamlScalar s ? s.Value : source.Describe()));
        }
    }

    /// <summary>Every permission needs an object; permissions exist only for linux; type is file and/or directory;
    /// mode is one to four octal digits as Ruby prints the value Psych loaded.</summary>
    public static void Permissions(ReadContext ctx, YamlNode? permissions, string? os)
    {
        if (permissions is null) return;
        if (permissions is not YamlSequence seq)
        {
            ctx.Error(permissions, "permissions", $"wrong type: expected a list of permissions {{object, pattern, owner, mode...}}, got {permissions.Describe()}");
            return;
        }
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string field = ReadContext.Join("permissions", i);
            if (seq.Items[i] is not YamlMapping m)
            {
                ctx.Error(seq.Items[i], field, $"wrong type: expected a mapping {{object, pattern, owner, mode...}}, got {seq.Items[i].Describe()}");
                continue;
            }
            if (AppSpecReader.Value(m, "object") is null)
            {
                ctx.Error(m, ReadContext.Join(field, "object"), AgentReasons.NoObject);
                continue;
            }
            if (os is not null and not "linux")
            {
                ctx.Error(m, field, AgentReasons.PermissionsOnWindows);
                continue;
            }
            Types(ctx, AppSpecReader.Value(m, "type"), ReadContext.Join(field, "type"));
            Mode(ctx, AppSpecReader.Value(m, "mode"), ReadContext.Join(field, "mode"));
        }
    }

    private static void Types(ReadContext ctx, YamlNode? type, string field)
    {
        if (type is null) return;
        if (type is not YamlSequence list)
        {
            ctx.Error(type, field, $"wrong type: expected a list of object types (file, directory), got {type.Describe()}");
            return;
        }
        foreach (var item in list.Items)
        {
            string shown = item is YamlScalar s ? s.Value : item.Describe();
            if (!PermissionTypes.Contains(shown, StringComparer.Ordinal))
                ctx.Error(item, field, AgentReasons.PermissionType(shown) + AppSpecReader.Near(shown, PermissionTypes));
        }
    }

    private static void Mode(ReadContext ctx, YamlNode? mode, string field)
    {
        if (mode is null) return;
        if (mode is not YamlScalar s)
        {
            ctx.Error(mode, field, $"wrong type: expected a permissions mode such as 644, got {mode.Describe()}");
            return;
        }
        string text = RubyScalars.ModeText(s);
        string note = text != s.Value ? $" (DeploySim: YAML reads the plain {s.Value} as the octal number {text}: write '{s.Value}' quoted, or without the leading 0)" : "";
        text = text.PadLeft(3, '0');
        if (text.Length > 4)
        {
            ctx.Error(s, field, AgentReasons.ModeLength(text) + note);
            return;
        }
        foreach (char c in text)
        {
            if (c is < '0' or > '7')
            {
                ctx.Error(s, field, AgentReasons.ModeCharacter(text, c) + note);
                return;
            }
        }
        if (note.Length > 0) ctx.Warn(s, field, $"the agent sets mode {text}, not {s.Value}{note}");
    }
}

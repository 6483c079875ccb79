using System.CommandLine;
using System.CommandLine.Parsing;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary>Turns System.CommandLine's parse errors into short messages: an unknown option (with did-you-mean), an
/// unknown command, an unexpected argument; other errors (missing or malformed values) as the parser words them.</summary>
internal static class ParseErrors
{
    // System.CommandLine's (English: the assembly runs with invariant globalization) message for an unmatched token;
    // those errors are replaced by the clearer ones built from ParseResult.UnmatchedTokens.
    private const string UnrecognizedPrefix = "Unrecognized command or argument '";
    private const string MissingArgumentPrefix = "Required argument missing for command";
    private const string UnknownOptionPrefix = "unknown option '";

    public static IReadOnlyList<string> Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var others = new List<string>();
        foreach (var error in parsed.Errors)
        {
            if (error.Message.StartsWith(UnrecognizedPrefix, StringComparison.Ordinal)) continue;
            others.Add(error.Message.StartsWith(MissingArgumentPrefix, StringComparison.Ordinal)
                ? $"'{CommandPath(parsed)}' needs {string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"))}"
                : error.Message);
        }
        var messages = parsed.UnmatchedTokens.Where(LooksLikeOption).Select(t => UnknownOption(t, command)).ToList();
        // An option-like token taken as a file argument is reported by the argument's validator.
        bool unknownOption = messages.Count > 0 || others.Any(m => m.StartsWith(UnknownOptionPrefix, StringComparison.Ordinal));
        if (!unknownOption)
        {
            // A stray word after an unknown option is usually that option's value: only report it on its own.
            bool takesCommands = command.Subcommands.Count > 0 && command.Arguments.Count == 0;
            foreach (var token in parsed.UnmatchedTokens)
            {
                messages.Add(takesCommands
                    ? $"unknown command '{token}'{DidYouMean.Hint(token, command.Subcommands.Select(c => c.Name).ToList())}"
                    : $"unexpected argument '{token}' for '{CommandPath(parsed)}'");
                // A mistyped command: the words after it are its arguments, not more unknown commands.
                if (takesCommands) break;
            }
        }
        messages.AddRange(others);
        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A token that starts with '-' (and is not a lone '-' or a negative number) names an option.</summary>
    public static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !(char.IsAsciiDigit(token[1]) || token[1] == '.');

    /// <summary>"unknown option '--x' for 'deploysim run'; did you mean '--y'?"</summary>
    public static string UnknownOption(string token, Command command)
    {
        string name = token.Split('=', ':')[0];
        var known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Append("--help").Distinct(StringComparer.Ordinal).ToList();
        var suggestion = DidYouMean.Suggest(name, known.Where(k => k.StartsWith("--", StringComparison.Ordinal)));
        string where = command is RootCommand ? "deploysim" : $"deploysim {command.Name}";
        string message = $"{UnknownOptionPrefix}{name}' for '{where}'";
        return suggestion is null ? message : $"{message}; did you mean '{suggestion}'?";
    }

    /// <summary><c>deploysim</c>, or <c>deploysim run</c> for a subcommand.</summary>
    public static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (SymbolResult? r = parsed.CommandResult; r is not null; r = r.Parent)
        {
            if (r is CommandResult c) names.Add(c.Command is RootCommand ? "deploysim" : c.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}

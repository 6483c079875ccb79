using Spectre.Console;
using Spectre.Console.Rendering;

namespace DeploySim.Cli;

/// <summary>The console, made on first use: detecting the terminal (Spectre's profile, its enrichers, the environment)
/// is start-up time that a command printing JSON, which never draws a table or a bar, need not spend.</summary>
internal sealed class LazyConsole(Func<IAnsiConsole> create) : IAnsiConsole
{
    private readonly Lazy<IAnsiConsole> _console = new(create);

    public Profile Profile => _console.Value.Profile;
    public IAnsiConsoleCursor Cursor => _console.Value.Cursor;
    public IAnsiConsoleInput Input => _console.Value.Input;
    public IExclusivityMode ExclusivityMode => _console.Value.ExclusivityMode;
    public RenderPipeline Pipeline => _console.Value.Pipeline;

    public void Clear(bool home) => _console.Value.Clear(home);
    public void Write(IRenderable renderable) => _console.Value.Write(renderable);
    public void WriteAnsi(Action<AnsiWriter> action) => _console.Value.WriteAnsi(action);
}

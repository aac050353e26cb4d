// actorpool-top <pid> [--once] [--timeout <seconds>] [--interval <seconds>]
// A live view of the ActorPool meter of a running .NET process, read over EventPipe.
using ActorPool.Top;
using Spectre.Console;

return await TopCommand.RunAsync(args, AnsiConsole.Console, Console.Error, CancellationToken.None);

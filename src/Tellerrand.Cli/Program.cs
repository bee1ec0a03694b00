using Tellerrand.Cli;

return await MatchCommand.RunAsync(args, Console.Out, Console.Error);

using Chain.Bench;

var root = BenchCli.Create();
root.Subcommands.Add(EventsBenchmark.Command());
return await root.Parse(args).InvokeAsync();

using Chain.Bench;

var root = BenchCli.Create().With(ContractBenchmark.Command());
root.Subcommands.Add(EventsBenchmark.Command());
return await root.Parse(args).InvokeAsync();

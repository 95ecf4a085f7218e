using Chain.Bench;

return await BenchCli.Create().With(ContractBenchmark.Command()).Parse(args).InvokeAsync();

using Chain.Bench;

return await BenchCli.Create().Parse(args).InvokeAsync();

using Chain.Silo;

return await SiloCommand.Create(SiloHost.RunAsync).Parse(args).InvokeAsync();

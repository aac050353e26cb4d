using ActorPool.Cluster.Benchmarks;

// B10: dotnet run -c Release --project benchmarks/ActorPool.Cluster.Benchmarks [-- --repetitions 3 --groups 12 --out FILE]
// (the suite's runner does the same: dotnet run -c Release --project benchmarks/ActorPool.Benchmarks -- failover)
if (args.Length > 0 && args[0] is "-h" or "--help")
{
    Console.WriteLine(FailoverOptions.Usage);
    return 0;
}
FailoverOptions options;
try
{
    options = FailoverOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(FailoverOptions.Usage);
    return 2;
}
return await FailoverSuite.RunAsync(options, $"dotnet run -c Release --project benchmarks/ActorPool.Cluster.Benchmarks -- {string.Join(' ', args)}".TrimEnd(), Console.Out);

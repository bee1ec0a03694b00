using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Tellerrand.Boards;
using Tellerrand.Handover;
using Tellerrand.Handover.Bench;

// dotnet run -c Release --project bench/Tellerrand.Handover.Bench -- [--notes 500] [--rooms 50] [--repeat 5] [--seed 1]
//   [--sample results.zip]   (also writes the generated room's package there, to look at)
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal) && p.a != "--sample")
    .ToDictionary(p => p.a[2..], p => int.Parse(args[p.i + 1], CultureInfo.InvariantCulture));
var sample = args.SkipWhile(a => a != "--sample").Skip(1).FirstOrDefault();
var notes = options.GetValueOrDefault("notes", 500);
var rooms = options.GetValueOrDefault("rooms", 50);
var repeat = options.GetValueOrDefault("repeat", 5);
var seed = options.GetValueOrDefault("seed", 1);
var german = CultureInfo.GetCultureInfo("de");
string F(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"load average at start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");

var room = BoardGenerator.Room(notes, seed, "Bäckerei Müller");
Console.WriteLine($"board: {notes} notes in 5 frames, {room.Board.Records.Length} records");
if (sample is not null)
{
    await using var file = File.Create(sample);
    await HandoverPackage.WriteRoomAsync(RoomResults.Create(room, german), file);
}

// Warm-up: JIT, the native Skia library and the embedded font are paid once per process.
var warmUp = Stopwatch.StartNew();
foreach (var format in Enum.GetValues<HandoverFormat>())
{
    await RoomResults.Create(room, german).WriteAsync(format, new CountingStream());
}
Console.WriteLine($"warm-up (every format once): {F(warmUp.Elapsed.TotalSeconds)} s");
Console.WriteLine();

// Each figure is from the snapshot: layout (RoomResults.Create) plus writing the file, into a stream that only counts bytes.
(double Best, double Median, long Bytes) Measure(Action<Stream> run)
{
    var times = new List<double>();
    long bytes = 0;
    for (var i = 0; i < repeat; i++)
    {
        var sink = new CountingStream();
        var clock = Stopwatch.StartNew();
        run(sink);
        times.Add(clock.Elapsed.TotalSeconds);
        bytes = sink.Count;
    }
    times.Sort();
    return (times[0], times[times.Count / 2], bytes);
}

var baseline = Measure(sink => sink.Write(BoardStorageFormat.Serialize(room.Board)));
var rows = new List<(string Name, (double Best, double Median, long Bytes) Result)>
{
    ("baseline: snapshot → JSON (BoardStorageFormat)", baseline),
    ("layout only (RoomResults.Create)", Measure(_ => RoomResults.Create(room, german))),
};
foreach (var format in Enum.GetValues<HandoverFormat>())
{
    rows.Add(($"{format}", Measure(sink => RoomResults.Create(room, german).WriteAsync(format, sink).GetAwaiter().GetResult())));
}
Console.WriteLine("| run | best s | median s | × baseline (best) | bytes |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, result) in rows)
{
    Console.WriteLine($"| {name} | {F(result.Best)} | {F(result.Median)} | {F(result.Best / baseline.Best, "0")} | {result.Bytes:N0} |");
}

// The event ZIP: rooms are generated lazily with their own seeds and written one after another into a forward-only stream.
async IAsyncEnumerable<RoomResults> EventRooms([EnumeratorCancellation] CancellationToken token = default)
{
    for (var r = 0; r < rooms; r++)
    {
        await Task.Yield();
        yield return RoomResults.Create(BoardGenerator.Room(notes, seed + r, $"Raum {r + 1} Müller & Söhne"), german);
    }
}
var generation = Stopwatch.StartNew();
for (var r = 0; r < rooms; r++)
{
    BoardGenerator.Room(notes, seed + r, "x");
}
var generationSeconds = generation.Elapsed.TotalSeconds;
GC.Collect();
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
var zipSink = new CountingStream();
var zipClock = Stopwatch.StartNew();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
await HandoverPackage.WriteEventAsync(EventRooms(), zipSink);
var zipSeconds = zipClock.Elapsed.TotalSeconds;
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
Console.WriteLine();
Console.WriteLine($"| event ZIP, {rooms} rooms × {notes} notes | {F(zipSeconds)} s | CPU {F(cpu)} s | generating the boards alone {F(generationSeconds)} s | {zipSink.Count:N0} bytes | allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0:0} MiB | peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB |");

/// <summary>A forward-only stream that counts what is written, so that no disk speed enters the figures.</summary>
internal sealed class CountingStream : Stream
{
    public long Count { get; private set; }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Count += count;
    public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;
}

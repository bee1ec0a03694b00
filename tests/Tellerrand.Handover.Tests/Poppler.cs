using System.Diagnostics;

namespace Tellerrand.Handover.Tests;

/// <summary>Debian's poppler-utils, the way a reader's PDF viewer sees the file (test.sh installs them).</summary>
internal static class Poppler
{
    /// <summary>The PDF's text as <c>pdftotext</c> extracts it.</summary>
    public static string Text(byte[] pdf)
    {
        using var folder = new TempFolder();
        var input = folder.Write("results.pdf", pdf);
        Run("pdftotext", "-enc", "UTF-8", input, folder.PathOf("results.txt"));
        return File.ReadAllText(folder.PathOf("results.txt"));
    }

    /// <summary>Page <paramref name="page"/> rendered by <c>pdftoppm</c> to PNG at 50 dpi.</summary>
    public static byte[] RenderPage(byte[] pdf, int page)
    {
        using var folder = new TempFolder();
        var input = folder.Write("results.pdf", pdf);
        var pageText = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Run("pdftoppm", "-png", "-r", "50", "-f", pageText, "-l", pageText, "-singlefile", input, folder.PathOf("page"));
        return File.ReadAllBytes(folder.PathOf("page.png"));
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {errors}");
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("tellerrand-handover-").FullName;

        public string PathOf(string name) => Path.Combine(_path, name);

        public string Write(string name, byte[] content)
        {
            File.WriteAllBytes(PathOf(name), content);
            return PathOf(name);
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}

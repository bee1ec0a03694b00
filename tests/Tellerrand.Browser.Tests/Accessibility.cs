using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Tellerrand.Browser.Tests;

public static class Accessibility
{
    /// <summary>Runs axe-core on the page as it is now and fails on any serious or critical finding (WCAG 2.1 AA).</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", blocking));
    }
}

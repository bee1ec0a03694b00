using System.Text.Json;

namespace Tellerrand.Handover.Tests;

public class ExcalidrawTests
{
    private static readonly string[] CommonFields =
    [
        "id", "type", "x", "y", "width", "height", "angle", "strokeColor", "backgroundColor", "fillStyle", "strokeWidth", "strokeStyle",
        "roughness", "opacity", "groupIds", "frameId", "roundness", "seed", "version", "versionNonce", "isDeleted", "boundElements",
        "updated", "link", "locked",
    ];

    private static readonly string[] TextFields =
        ["text", "originalText", "fontSize", "fontFamily", "textAlign", "verticalAlign", "containerId", "lineHeight", "autoResize"];

    private static readonly string[] ArrowFields = ["points", "startBinding", "endBinding", "startArrowhead", "endArrowhead"];

    [Fact]
    public void TheFileIsAValidExcalidrawScene()
    {
        using var scene = JsonDocument.Parse(Rooms.Write(Rooms.Sample(), HandoverFormat.Excalidraw));

        Validate(scene.RootElement);
    }

    [Fact]
    public void NotesAreRectanglesWithTheirTextBoundAndFramesKeepTheirChildren()
    {
        using var scene = JsonDocument.Parse(Rooms.Write(Rooms.Sample(), HandoverFormat.Excalidraw));
        var elements = scene.RootElement.GetProperty("elements").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);

        var note = elements["n-umlaut"];
        Assert.Equal("rectangle", note.GetProperty("type").GetString());
        Assert.Equal("#f8bbd0", note.GetProperty("backgroundColor").GetString());
        Assert.Equal("tpl-ideas", note.GetProperty("frameId").GetString());
        var text = elements["n-umlaut-text"];
        Assert.Equal("n-umlaut", text.GetProperty("containerId").GetString());
        Assert.Equal(Rooms.UmlautNote, text.GetProperty("originalText").GetString());
        Assert.Equal("frame", elements["tpl-ideas"].GetProperty("type").GetString());
        Assert.Equal("Ideen", elements["tpl-ideas"].GetProperty("name").GetString());
        Assert.Equal("arrow", elements["c-1"].GetProperty("type").GetString());
        Assert.Contains("3", elements["n-umlaut-votes"].GetProperty("text").GetString());
    }

    /// <summary>Checks what Excalidraw needs to open a scene: the header, every field per element type, and every reference.</summary>
    internal static void Validate(JsonElement root)
    {
        Assert.Equal("excalidraw", root.GetProperty("type").GetString());
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.String, root.GetProperty("appState").GetProperty("viewBackgroundColor").ValueKind);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("files").ValueKind);

        var elements = root.GetProperty("elements").EnumerateArray().ToList();
        var byId = new Dictionary<string, JsonElement>();
        foreach (var element in elements)
        {
            var type = element.GetProperty("type").GetString()!;
            var required = type switch
            {
                "text" => [.. CommonFields, .. TextFields],
                "arrow" => [.. CommonFields, .. ArrowFields],
                "frame" => [.. CommonFields, "name"],
                "rectangle" => CommonFields,
                _ => throw new Xunit.Sdk.XunitException($"unexpected element type {type}"),
            };
            foreach (var field in required)
            {
                Assert.True(element.TryGetProperty(field, out _), $"{type} {element.GetProperty("id")} lacks {field}");
            }
            foreach (var number in new[] { "x", "y", "width", "height" })
            {
                Assert.True(double.IsFinite(element.GetProperty(number).GetDouble()));
            }
            Assert.True(byId.TryAdd(element.GetProperty("id").GetString()!, element), $"duplicate id {element.GetProperty("id")}");
        }

        var indices = elements.Select(e => e.GetProperty("index").GetString()!).ToList();
        Assert.Equal(indices.Order(StringComparer.Ordinal), indices);
        Assert.Equal(indices.Count, indices.Distinct().Count());
        for (var at = 0; at < elements.Count; at++)
        {
            var element = elements[at];
            if (element.GetProperty("frameId").GetString() is { } frameId)
            {
                Assert.True(byId.TryGetValue(frameId, out var frame) && frame.GetProperty("type").GetString() == "frame", $"frame {frameId} is missing");
                Assert.True(elements.IndexOf(frame) > at, "a frame must come after its children");
            }
            if (element.GetProperty("type").GetString() == "text" && element.GetProperty("containerId").GetString() is { } containerId)
            {
                Assert.True(byId.TryGetValue(containerId, out var container), $"container {containerId} is missing");
                Assert.Contains(container.GetProperty("boundElements").EnumerateArray(), b => b.GetProperty("id").GetString() == element.GetProperty("id").GetString());
            }
            if (element.GetProperty("boundElements") is { ValueKind: JsonValueKind.Array } bound)
            {
                foreach (var reference in bound.EnumerateArray())
                {
                    Assert.True(byId.ContainsKey(reference.GetProperty("id").GetString()!), $"bound element {reference.GetProperty("id")} is missing");
                }
            }
            foreach (var binding in new[] { "startBinding", "endBinding" })
            {
                if (element.TryGetProperty(binding, out var value) && value.ValueKind == JsonValueKind.Object)
                {
                    Assert.True(byId.ContainsKey(value.GetProperty("elementId").GetString()!));
                }
            }
        }
    }
}

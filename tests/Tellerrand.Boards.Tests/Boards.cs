using System.Collections.Immutable;

namespace Tellerrand.Boards.Tests;

/// <summary>Builders that keep the tests readable: one line per record or change.</summary>
internal static class Boards
{
    public static readonly BoardActor Moderator = new("mod", BoardRole.Moderator);
    public static readonly BoardActor Anna = new("anna", BoardRole.Participant);
    public static readonly BoardActor Ben = new("ben", BoardRole.Participant);
    public static readonly BoardActor Watcher = new("watcher", BoardRole.Observer);

    public static PlacementValue At(string? parent = null, string index = "V", double x = 0, double y = 0) => new(parent, index, x, y);

    public static BoardChange Sticky(string id, string text = "", PlacementValue? at = null) =>
        BoardChange.Put(id, RecordKinds.Sticky, PropertyMap.Of(
            (PropertyNames.Placement, at ?? At()),
            (PropertyNames.Text, new TextValue(text))));

    public static BoardChange Frame(string id, PlacementValue? at = null, bool locked = false)
    {
        var props = PropertyMap.Of((PropertyNames.Placement, at ?? At()), (PropertyNames.Title, new TextValue(id)));
        return BoardChange.Put(id, RecordKinds.Frame, locked ? props.With(PropertyNames.Locked, new FlagValue(true)) : props);
    }

    public static BoardChange Connector(string id, string from, string to) =>
        BoardChange.Put(id, RecordKinds.Connector, PropertyMap.Of((PropertyNames.From, new TextValue(from)), (PropertyNames.To, new TextValue(to))));

    public static BoardChange Vote(string voter, string target) =>
        BoardChange.Put(BoardSchema.VoteId(voter, target), RecordKinds.Vote,
            PropertyMap.Of((PropertyNames.Voter, new TextValue(voter)), (PropertyNames.Target, new TextValue(target))));

    /// <summary>The put as the server stamps it when <paramref name="actor"/> pushes it (AU1).</summary>
    public static BoardChange By(this BoardChange put, BoardActor actor) => BoardSchema.StampAuthor([put], actor.ParticipantId)[0];

    public static BoardChange Settings(params (string Name, PropertyValue? Value)[] props) =>
        BoardChange.Put(BoardSchema.SettingsId, RecordKinds.Board, PropertyMap.Of(props));

    public static BoardChange SetText(string id, string text) => BoardChange.Update(id, PropertyMap.Of((PropertyNames.Text, new TextValue(text))));

    public static BoardChange Move(string id, PlacementValue to) => BoardChange.Update(id, PropertyMap.Of((PropertyNames.Placement, to)));

    public static BoardChange Set(string id, string name, PropertyValue? value) => BoardChange.Update(id, PropertyMap.Of((name, value)));

    /// <summary>Applies pushes that must succeed, as the moderator unless said otherwise.</summary>
    public static BoardState Build(params BoardChange[] changes) => Apply(BoardState.Empty, Moderator, changes);

    public static BoardState Apply(BoardState state, BoardActor actor, params BoardChange[] changes)
    {
        var result = state.TryApply(changes, actor);
        Assert.True(result.IsApplied, $"Expected the push to apply, got {result.Reason}.");
        return result.State;
    }

    public static ImmutableArray<BoardChange> Push(params BoardChange[] changes) => [.. changes];

    public static string? TextOf(BoardState state, string id) => state.Get(id)?.GetText(PropertyNames.Text);
}

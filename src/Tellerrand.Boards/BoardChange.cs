namespace Tellerrand.Boards;

/// <summary>The operation of a <see cref="BoardChange"/>.</summary>
public enum ChangeOp
{
    /// <summary>Create a record (or, over an existing one of the same kind, set the given properties; BM1).</summary>
    Put = 0,

    /// <summary>Set some properties; a null value resets one to its default.</summary>
    Update = 1,

    /// <summary>Remove a record, cascading to its descendants, connectors and votes (BM5).</summary>
    Delete = 2,
}

/// <summary>One change in a push or a patch.</summary>
/// <param name="Op">What to do.</param>
/// <param name="Id">The record id.</param>
/// <param name="Kind">The record kind; only with <see cref="ChangeOp.Put"/>.</param>
/// <param name="Props">The properties to set; with <see cref="ChangeOp.Put"/> and <see cref="ChangeOp.Update"/>.</param>
[GenerateSerializer, Immutable]
public sealed record BoardChange(ChangeOp Op, string Id, string? Kind, PropertyMap? Props)
{
    /// <summary>Creates <paramref name="id"/> as a <paramref name="kind"/> with <paramref name="props"/>.</summary>
    public static BoardChange Put(string id, string kind, PropertyMap props) => new(ChangeOp.Put, id, kind, props);

    /// <summary>Sets <paramref name="props"/> of <paramref name="id"/>.</summary>
    public static BoardChange Update(string id, PropertyMap props) => new(ChangeOp.Update, id, null, props);

    /// <summary>Deletes <paramref name="id"/>.</summary>
    public static BoardChange Delete(string id) => new(ChangeOp.Delete, id, null, null);

    /// <summary>Puts <paramref name="record"/> as it is.</summary>
    public static BoardChange Put(BoardRecord record) => Put(record.Id, record.Kind, record.Props);
}

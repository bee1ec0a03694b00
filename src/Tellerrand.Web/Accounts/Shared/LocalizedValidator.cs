using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Tellerrand.Web.Accounts.Shared;

/// <summary>
/// Runs a form model's DataAnnotations and shows their messages in the reader's language. The
/// attributes name a resource key in <see cref="AccountsText"/> as their <c>ErrorMessage</c>
/// (e.g. <c>[Required(ErrorMessage = "Validation_EmailRequired")]</c>), so no English default and no
/// <c>[Display]</c> name ever reaches the page; a key that is missing shows a general message, never the key.
/// </summary>
public sealed class LocalizedValidator : ComponentBase, IDisposable
{
    private EditContext? subscribed;
    private ValidationMessageStore? store;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private IStringLocalizer<AccountsText> Text { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
            throw new InvalidOperationException($"{nameof(LocalizedValidator)} must be placed inside an EditForm.");
        if (ReferenceEquals(CurrentEditContext, subscribed)) return;

        Unsubscribe();
        subscribed = CurrentEditContext;
        store = new ValidationMessageStore(subscribed);
        subscribed.OnValidationRequested += ValidateModel;
        subscribed.OnFieldChanged += ValidateField;
    }

    private void ValidateModel(object? sender, ValidationRequestedEventArgs e)
    {
        var model = subscribed!.Model;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        store!.Clear();
        foreach (var result in results)
        {
            var members = result.MemberNames.DefaultIfEmpty(string.Empty);
            foreach (var member in members)
                store.Add(new FieldIdentifier(model, member), Localize(result.ErrorMessage));
        }
        subscribed.NotifyValidationStateChanged();
    }

    private void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        var field = e.FieldIdentifier;
        var property = field.Model.GetType().GetProperty(field.FieldName);
        if (property is null) return;
        var results = new List<ValidationResult>();
        Validator.TryValidateProperty(property.GetValue(field.Model),
            new ValidationContext(field.Model) { MemberName = field.FieldName }, results);
        store!.Clear(field);
        foreach (var result in results)
            store.Add(field, Localize(result.ErrorMessage));
        subscribed!.NotifyValidationStateChanged();
    }

    private string Localize(string? key)
    {
        var text = key is null ? null : Text[key];
        return text is null || text.ResourceNotFound ? Text["Validation_Invalid"] : text;
    }

    private void Unsubscribe()
    {
        if (subscribed is null) return;
        subscribed.OnValidationRequested -= ValidateModel;
        subscribed.OnFieldChanged -= ValidateField;
        store?.Clear();
    }

    public void Dispose() => Unsubscribe();
}

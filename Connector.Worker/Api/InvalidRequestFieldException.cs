namespace Connector.Worker.Api;

/// <summary>A request body's field that is missing, unknown or out of range: answered 400 naming <see cref="Field"/>.</summary>
/// <param name="field">As the caller wrote it, with indexes: <c>identities[0].kind</c>.</param>
public sealed class InvalidRequestFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field] = [Message] }, title: $"Invalid {Field}");
}

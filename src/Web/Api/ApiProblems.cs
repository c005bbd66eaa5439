using Microsoft.AspNetCore.Http.HttpResults;
using SociaalDomein.Infrastructure.Editing;

namespace SociaalDomein.Web.Api;

/// <summary>The API's error answers: RFC 9457 problem details with a Dutch title and explanation.</summary>
public static class ApiProblems
{
    /// <summary>400 with the wrong parameter under <c>errors</c>, so a script can tell which one it was.</summary>
    public static ValidationProblem Invalid(string parameter, string title, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [detail] }, detail: detail, title: title);

    /// <summary>400 with several wrong fields, each under its own name (camelCase, as in the body: <c>years[1].yield</c>).</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors, string title = "Ongeldige invoer") =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
            detail: string.Join(" ", errors.Values),
            title: title);

    /// <summary>404: what was asked for does not exist.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    /// <summary>409: someone else changed the same thing since the caller read it; nothing was stored.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Intussen gewijzigd");

    /// <summary>
    /// The answer to an edit (<see cref="ChangeResult"/>), the one place where its outcome becomes HTTP: done →
    /// <paramref name="done"/>; invalid → 400 with each Dutch message under its field; conflict → 409; not found → 404;
    /// forbidden → 403.
    /// </summary>
    public static async Task<Results<TDone, ValidationProblem, ProblemHttpResult>> AnswerAsync<TDone>(
        this ChangeResult result, Func<Task<TDone>> done) where TDone : IResult =>
        result.Outcome switch
        {
            ChangeOutcome.Done => await done(),
            ChangeOutcome.Invalid => Invalid(result.Errors),
            ChangeOutcome.Conflict => Conflict(result.Message),
            ChangeOutcome.NotFound => NotFound(result.Message),
            ChangeOutcome.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden, title: "Niet toegestaan"),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, null),
        };
}

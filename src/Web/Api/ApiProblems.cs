using Microsoft.AspNetCore.Http.HttpResults;
namespace SociaalDomein.Web.Api;

/// <summary>The API's error answers: RFC 9457 problem details with a Dutch title and explanation.</summary>
public static class ApiProblems
{
    /// <summary>400 with the wrong parameter under <c>errors</c>, so a script can tell which one it was.</summary>
    public static ValidationProblem Invalid(string parameter, string title, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [detail] }, detail: detail, title: title);

    /// <summary>404: what was asked for does not exist.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// What each operation declares in the OpenAPI document: its name, its success answer's record and
/// the problems it may answer with, so that a client written from the document handles them all.
/// </summary>
internal static class ApiDescriptions
{
    /// <summary>What any <c>/api</c> operation may answer, whatever it does: a value it cannot read (400), no token or a bad one (401), a role that may not (403), a database that does not answer (503), a fault (500).</summary>
    public static readonly int[] EveryApiOperation =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status401Unauthorized,
        StatusCodes.Status403Forbidden,
        StatusCodes.Status500InternalServerError,
        StatusCodes.Status503ServiceUnavailable,
    ];

    /// <summary>Names the operation (its <c>operationId</c>) and says what it does.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary)
        => builder.WithName(name).WithSummary(summary);

    /// <summary>A success answer that is text (CSV, HTML, server-sent events), not JSON.</summary>
    public static RouteHandlerBuilder AnswersText(this RouteHandlerBuilder builder, string contentType)
        => builder.Produces<string>(StatusCodes.Status200OK, contentType);

    /// <summary>The success answer: <typeparamref name="T"/> as JSON.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK)
        => builder.Produces<T>(status, "application/json");

    /// <summary>The problems (<see cref="ProblemDocument"/>) the operation may answer with besides <see cref="EveryApiOperation"/>.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDocument), [Problems.ContentType]));
        }

        return builder;
    }

    /// <summary>
    /// The request body, as the document declares it. The endpoint reads it field by field, to name
    /// each wrong one; accepts-metadata would also route by content type, and turn a body sent as
    /// text into a 404.
    /// </summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder builder)
        => builder.WithMetadata(new RequestBodyOf(typeof(T)));

    /// <summary>Declares the body of an operation that <see cref="Takes{T}"/> describes, refusing fields the record does not have.</summary>
    public static async Task DescribeRequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyOf>().LastOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken).ConfigureAwait(false);
        schema.AdditionalPropertiesAllowed = false;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    /// <summary>
    /// Nulls said once: a field left out when null (<c>drops</c> of a single-drop release) is not
    /// required, whatever its record's constructor says; and an enumeration lists its words only,
    /// as a nullable use of it already allows null beside it (with null among the words too, a
    /// null would match both branches of that <c>oneOf</c>, and no validator would accept it).
    /// </summary>
    public static Task TidyNullsAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (schema.Enum is { Count: > 0 } words)
        {
            foreach (var word in words.Where(w => w is null || w.GetValueKind() == JsonValueKind.Null).ToList())
            {
                words.Remove(word);
            }
        }

        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Required is null)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            var ignored = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>() ?? [];
            if (ignored.Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull))
            {
                schema.Required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private sealed record RequestBodyOf(Type Type);
}

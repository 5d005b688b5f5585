using Parvis.Testing;

namespace Parvis.Tests;

/// <summary>One running application for the HTTP tests: starting one per class would cost more than the tests.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public ParvisFactory App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

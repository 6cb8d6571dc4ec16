namespace Connector.Ai.Training;

/// <summary>One sentence with its human label; <see cref="Source"/> is the domain (imdb, yelp, amazon, contact-centre).</summary>
public sealed record LabelledSentence(string Text, bool Positive, string Source);

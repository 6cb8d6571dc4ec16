using Connector.Ai.Embeddings;
using Connector.Ai.Sentiment;
using Connector.Ai.Training;

// Trains the shipped sentiment weights: all 3,000 UCI sentences plus the training part of our contact-centre set (weighted, its
// held-out third stays out, so the acceptance test's contact-centre figure is honest). Deterministic: the same data
// gives the same file. Usage: dotnet run --project tools/Connector.Ai.Training [-- <output.json>]
var root = SentimentCorpus.FindRepositoryRoot(Directory.GetCurrentDirectory());
var output = args.Length > 0 ? args[0] : Path.Combine(root, "Connector.Ai", "Sentiment", "sentiment-weights.json");

var reviews = SentimentCorpus.UciDomains.SelectMany(domain => SentimentCorpus.LoadUci(root, domain)).ToList();
var (contactCentreTrain, contactCentreHeldOut) = SentimentCorpus.LoadContactCentre(root);
var sentences = SentimentCorpus.TrainingSet(reviews, contactCentreTrain);

using var embedder = new SentenceEmbedder();
var embeddings = embedder.Embed([.. sentences.Select(s => s.Text)], CancellationToken.None);
var weights = LogisticRegressionTrainer.Train(
    embeddings, [.. sentences.Select(s => s.Positive)], "all-MiniLM-L6-v2",
    $"sentiment@5.0.2 test/fixtures (imdb, yelp, amazon: 3000) + contact-centre sentiment.tsv training part ({contactCentreTrain.Count}, weight {SentimentCorpus.ContactCentreWeight}; {contactCentreHeldOut.Count} held out)");
await File.WriteAllTextAsync(output, weights.ToJson() + Environment.NewLine);
Console.WriteLine($"Wrote {output}: {reviews.Count} reviews and {contactCentreTrain.Count} contact-centre messages, {weights.Weights.Length} weights.");

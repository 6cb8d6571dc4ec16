using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Connector.Ai.Retrieval;

/// <summary>
/// BM25 over every text of every document, in an in-memory Lucene index built once. Each language has its own field, so
/// English texts are stemmed ("refunds" finds "refund") and other languages get the standard tokenizer, which still
/// matches words exactly; searching one language is searching its field.
/// </summary>
internal sealed class LexicalIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";

    private readonly RAMDirectory directory = new();
    private readonly Analyzer english = new EnglishAnalyzer(Version);
    private readonly Analyzer standard = new StandardAnalyzer(Version);
    private readonly string[] languages;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;

    public LexicalIndex(IReadOnlyList<RetrievalDocument> documents)
    {
        languages = [.. documents.Select(d => d.Language).Distinct(StringComparer.Ordinal)];
        var analyzer = new PerFieldAnalyzerWrapper(standard, languages.ToDictionary(FieldFor, AnalyzerFor));
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var document in documents)
            {
                foreach (var text in document.Texts)
                {
                    writer.AddDocument(new Document
                    {
                        new StringField(IdField, document.Id, Field.Store.YES),
                        new TextField(FieldFor(document.Language), text, Field.Store.NO),
                    });
                }
            }

            writer.Commit();
        }

        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>The best BM25 score per document id for <paramref name="query"/>; in <paramref name="language"/> only when one is given.</summary>
    public IReadOnlyDictionary<string, double> Search(string query, string? language)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var lang in language is null ? languages : languages.Where(l => l == language))
        {
            var field = FieldFor(lang);
            var words = new BooleanQuery();
            foreach (var term in Terms(AnalyzerFor(lang), field, query).Distinct(StringComparer.Ordinal))
            {
                words.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
            }

            if (words.Clauses.Count == 0)
            {
                continue;
            }

            foreach (var hit in searcher.Search(words, Math.Max(1, reader.NumDocs)).ScoreDocs)
            {
                var id = searcher.Doc(hit.Doc).Get(IdField);
                if (!best.TryGetValue(id, out var score) || hit.Score > score)
                {
                    best[id] = hit.Score;
                }
            }
        }

        return best;
    }

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        english.Dispose();
        standard.Dispose();
    }

    private static string FieldFor(string language) => "text." + language;

    private static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private Analyzer AnalyzerFor(string language) => language == "en" ? english : standard;
}

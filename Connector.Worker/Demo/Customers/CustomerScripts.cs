namespace Connector.Worker.Demo.Customers;

/// <summary>What customers of a retailer write and say, in the languages the demo agents speak.</summary>
internal static class CustomerScripts
{
    public static readonly IReadOnlyList<(string Name, string Language)> People =
    [
        ("Priya Shah", "en"), ("Tom Walker", "en"), ("Grace Miller", "en"), ("Oliver Brown", "en"), ("Aisha Khan", "en"),
        ("João Silva", "pt"), ("Mariana Costa", "pt"), ("Lucía Fernández", "es"), ("Diego Martín", "es"),
        ("Jonas Becker", "de"), ("Lena Wagner", "de"), ("Camille Dubois", "fr"), ("Hugo Laurent", "fr"),
    ];

    /// <summary>Opening messages per language: billing, a late delivery, an account locked, a return.</summary>
    private static readonly Dictionary<string, string[]> Openings = new()
    {
        ["en"] =
        [
            "Hi, I've been charged twice for order {order} this month. Can you refund one of them?",
            "Hello, my parcel for order {order} was due on Tuesday and the tracking hasn't moved since. Where is it?",
            "I can't log in to my account, the password reset email never arrives. Can you help?",
            "Hi, I'd like to return the jacket from order {order}, it's the wrong size. How do I do that?",
            "My invoice for {order} shows a delivery fee although I have the free delivery plan. Please check.",
            "Hello, the courier left a note but I was home all day. Can you rebook the delivery for {order}?",
        ],
        ["pt"] =
        [
            "Olá, fui cobrada duas vezes pela encomenda {order}. Podem devolver uma das cobranças?",
            "Boa tarde, a minha encomenda {order} devia ter chegado ontem e ainda não chegou. O que se passa?",
            "Não consigo entrar na minha conta, o email para repor a palavra-passe não chega.",
        ],
        ["es"] =
        [
            "Hola, me han cobrado dos veces el pedido {order}. ¿Me podéis devolver uno?",
            "Buenas, mi pedido {order} lleva tres días de retraso y el seguimiento no cambia.",
            "No puedo entrar en mi cuenta, el correo para cambiar la contraseña nunca llega.",
        ],
        ["de"] =
        [
            "Hallo, mir wurde die Bestellung {order} doppelt abgebucht. Können Sie eine Zahlung erstatten?",
            "Guten Tag, meine Lieferung {order} ist seit drei Tagen überfällig. Wo ist das Paket?",
            "Ich komme nicht mehr in mein Konto, die E-Mail zum Zurücksetzen des Passworts kommt nicht an.",
        ],
        ["fr"] =
        [
            "Bonjour, j'ai été débité deux fois pour la commande {order}. Pouvez-vous me rembourser ?",
            "Bonjour, ma commande {order} devait arriver mardi et le suivi ne bouge plus.",
            "Je n'arrive plus à me connecter, l'e-mail de réinitialisation du mot de passe n'arrive jamais.",
        ],
    };

    /// <summary>What customers write back to an agent's reply.</summary>
    private static readonly Dictionary<string, string[]> Answers = new()
    {
        ["en"] = ["Thanks, that helps.", "OK, and how long will that take?", "Great, thank you so much!", "Sorry, I still don't see it. Could you check again?", "The order number is {order}, if that helps."],
        ["pt"] = ["Obrigada, ajudou muito.", "E quanto tempo demora?", "Perfeito, muito obrigado!"],
        ["es"] = ["Gracias, perfecto.", "¿Y cuánto tardará?", "Sigo sin verlo, ¿podéis revisarlo otra vez?"],
        ["de"] = ["Danke, das hilft mir.", "Wie lange dauert das ungefähr?", "Super, vielen Dank!"],
        ["fr"] = ["Merci, c'est parfait.", "Et combien de temps cela va prendre ?", "Je ne vois toujours rien, pouvez-vous vérifier ?"],
    };

    private static readonly Dictionary<string, string> Subjects = new()
    {
        ["en"] = "Question about order {order}",
        ["pt"] = "Dúvida sobre a encomenda {order}",
        ["es"] = "Consulta sobre el pedido {order}",
        ["de"] = "Frage zur Bestellung {order}",
        ["fr"] = "Question sur la commande {order}",
    };

    public static string Opening(string language) => Fill(Pick(Openings[language]));

    public static string Answer(string language) => Fill(Pick(Answers[language]));

    public static string Subject(string language) => Fill(Subjects[language]);

    private static string Pick(string[] lines) => lines[Random.Shared.Next(lines.Length)];

    private static string Fill(string line) => line.Replace("{order}", $"A{Random.Shared.Next(100000, 999999)}", StringComparison.Ordinal);
}

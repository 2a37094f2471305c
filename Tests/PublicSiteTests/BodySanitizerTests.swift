import PublicSite
import Testing

@Suite struct BodySanitizerTests {
    func clean(_ html: String) -> String { BodySanitizer.clean(html).html }

    @Test func keepsTheStructureOfAPost() {
        let html = """
            <h2>Une mission à Rabat</h2><p>Deux membres (groupe <strong>UNSA</strong>, <em>Entreprises</em>) ont rencontré \
            le <a href="/cese-ma" title="Conseil">Conseil</a>.</p><ul><li>un</li><li>deux</li></ul>\
            <blockquote><p>Citation</p></blockquote><p lang="ar" dir="rtl">نص</p>\
            <figure><img src="/cese-fr/news/images/abc.jpg" alt="La délégation" width="640"><figcaption>Rabat</figcaption></figure>
            """
        #expect(clean(html) == html)
    }

    /// Each of these, pasted into a post, must leave no way to run script: no `<script>`, no `on…=` attribute, no
    /// `javascript:` (or `vbscript:`, `data:`) address however it is spelled.
    @Test(arguments: [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"/cese-fr/news/images/a.png\" alt=\"a\" onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
        "<a href=\" \u{01}javascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"javascript:alert(1)\" alt=\"x\">",
        "<img src=\"https://tracker.example/p.gif\" alt=\"x\">",
        "<img src=\"//tracker.example/p.gif\" alt=\"x\">",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<div onmouseover=\"alert(1)\">x</div>",
        "<a href=x onclick=alert(1)>x</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<p/onclick=alert(1)>x</p>",
        "<a href='javascript:alert(1)'>x</a>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<!--<script>alert(1)</script>-->",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<a\nhref=\"javascript:alert(1)\">x</a>",
        "<img src=/cese-fr/news/images/a.png alt=a\" onerror=\"alert(1)>",
        "<style>@import 'http://evil.example/x.css';</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<object data=\"javascript:alert(1)\"></object>",
    ])
    func noScriptGetsThrough(_ pasted: String) {
        let html = clean(pasted).lowercased()
        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("javascript:"), "\(html)")
        #expect(!html.contains("vbscript:"), "\(html)")
        #expect(!html.contains("data:"), "\(html)")
        #expect(!html.contains("<iframe") && !html.contains("<svg") && !html.contains("<object") && !html.contains("<form"), "\(html)")
        #expect(!html.contains("<meta") && !html.contains("<base") && !html.contains("<style") && !html.contains("style="), "\(html)")
        #expect(!html.contains("tracker.example"), "\(html)")
        // No attribute starting with "on" survives inside a tag.
        var inTag = false, current = ""
        for character in html {
            if character == "<" { inTag = true; current = "" } else if character == ">" { inTag = false }
            if inTag { current.append(character) }
            if inTag, current.hasSuffix(" on") || current.hasSuffix("\non") || current.hasSuffix("/on") {
                Issue.record("an event attribute in \(html)")
            }
        }
    }

    @Test func textIsEscapedAndEntitiesKept() {
        #expect(clean("<p>a &lt; b &amp;&amp; c &gt; d &eacute;t&eacute; &#x1F600; 1 < 2</p>") == "<p>a &lt; b &amp;&amp; c &gt; d été 😀 1 &lt; 2</p>")
        #expect(clean("<p title=\"x\">\"q\" 'a'</p>") == "<p>&quot;q&quot; &#39;a&#39;</p>")
    }

    @Test func unknownElementsKeepTheirTextAndDroppedOnesDoNot() {
        #expect(clean("<div><font color=red>texte</font></div>") == "texte")
        #expect(clean("<p>avant<script>var x = '<p>'</script>après</p>") == "<p>avantaprès</p>")
        #expect(clean("<p>x<style>p{}</style>") == "<p>x</p>")
        #expect(clean("<p>a<script>never closed") == "<p>a</p>")
    }

    @Test func theResultIsWellFormed() {
        #expect(clean("<p><strong>gras") == "<p><strong>gras</strong></p>")
        #expect(clean("</em>texte</p>") == "texte")
        #expect(clean("<ul><li><em>a</li></ul>") == "<ul><li><em>a</em></li></ul>")
        #expect(clean("<p>un<p>deux") == "<p>un</p><p>deux</p>")
        #expect(clean("<p>un<h2>titre</h2>") == "<p>un</p><h2>titre</h2>")
    }

    @Test func headingsStartBelowThePagesOwn() {
        #expect(clean("<h1>A</h1><h5>B</h5><h6>C</h6>") == "<h2>A</h2><h4>B</h4><h4>C</h4>")
    }

    @Test func anImageNeedsAlternativeText() {
        let missing = BodySanitizer.clean("<p>x</p><img src=\"/cese-fr/news/images/a.png\"><img src=\"/cese-fr/news/images/b.png\" alt=\"  \"><img src=\"/cese-fr/news/images/c.png\" alt=\"ok\">")
        #expect(missing.imagesWithoutAlternative == 2)
        #expect(missing.html == "<p>x</p><img src=\"/cese-fr/news/images/c.png\" alt=\"ok\">")
    }

    @Test func attributesAreCheckedOneByOne() {
        #expect(clean("<a href=\"https://www.lecese.fr/\" target=\"_blank\" rel=\"x\">l</a>") == "<a href=\"https://www.lecese.fr/\">l</a>")
        #expect(clean("<a href=\"mailto:presse@example.org\">m</a>") == "<a href=\"mailto:presse@example.org\">m</a>")
        #expect(clean("<a href=\"#suite\">s</a>") == "<a href=\"#suite\">s</a>")
        #expect(clean("<p dir=\"sideways\" lang=\"fr\\\"\">x</p>") == "<p>x</p>")
        #expect(clean("<img src=\"/cese-fr/news/images/a.png\" alt=\"a\" width=\"100%\">") == "<img src=\"/cese-fr/news/images/a.png\" alt=\"a\">")
        #expect(clean("<a href=\"/x\" href=\"javascript:alert(1)\">x</a>") == "<a href=\"/x\">x</a>")
    }

    @Test func plainTextBecomesParagraphs() {
        let body = BodySanitizer.clean("Premier paragraphe,\nsur deux lignes.\r\n\r\nSecond & dernier.\n\n\n")
        #expect(body.html == "<p>Premier paragraphe,<br>sur deux lignes.</p>\n<p>Second &amp; dernier.</p>")
        #expect(body.hasContent)
        #expect(!BodySanitizer.clean("  \n\n ").hasContent)
        #expect(!BodySanitizer.clean("<p> </p><script>x</script>").hasContent)
    }

    @Test func imagesComeOnlyFromTheNewsImages() {
        for source in ["/lang/ar", "/cese-fr/news/images/../../lang/ar", "/\\evil.example/x.png", "/\t/evil.example/x.png",
                       "/cese-fr/news/images/A.PNG", "/cese-fr/news/images/", "/cese-fr/news/images/a.png?x=1", "https://hemicycle.test/cese-fr/news/images/a.png",
                       "/cese-fr/works/1/attachments/2"] {
            #expect(clean("<img src=\"\(source)\" alt=\"x\">") == "", "\(source)")
        }
        #expect(clean("<img src=\"/cese-ma/news/images/0f3a.webp\" alt=\"x\">") == "<img src=\"/cese-ma/news/images/0f3a.webp\" alt=\"x\">")
    }

    @Test func oddMarkupOnlyLosesContent() {
        #expect(clean("<p>a&#0;b&#xD800;c&#x110000;d</p>") == "<p>a\u{FFFD}b\u{FFFD}c\u{FFFD}d</p>")
        #expect(clean("<!-->x<p>y</p>") == "x<p>y</p>" || clean("<!-->x<p>y</p>") == "")
        #expect(!clean("<!-- a --!><script>alert(1)</script>").contains("<script"))
        #expect(clean("<![CDATA[<script>alert(1)</script>]]>") == "]]&gt;" || !clean("<![CDATA[<script>alert(1)</script>]]>").contains("<script"))
        // An unterminated quote swallows the rest into the value, escaped: nothing else comes of it.
        #expect(clean("<a href=\"/x>y</a>") == "<a href=\"/x&gt;y&lt;/a&gt;\"></a>")
        #expect(clean("<p title=\"unterminated>text") == "<p></p>")
    }

    @Test func theEndTagsABrowserImpliesAreWritten() {
        #expect(clean("<p>a<figcaption>b</figcaption>c</p>") == "<p>a</p><figcaption>b</figcaption>c")
        #expect(clean("<a href=\"/1\">x<a href=\"/2\">y</a>") == "<a href=\"/1\">x</a><a href=\"/2\">y</a>")
        #expect(clean("<h3>a<h2>b</h2>") == "<h3>a</h3><h2>b</h2>")
        #expect(clean("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>")
        #expect(clean("<ul><li>a<ul><li>b</li></ul></li></ul>") == "<ul><li>a<ul><li>b</li></ul></li></ul>")
        #expect(clean("<p>a<ul><li>b</li></ul>") == "<p>a</p><ul><li>b</li></ul>")
    }

    @Test func nestingStopsAtADepth() {
        let deep = clean(String(repeating: "<b>", count: 25_000) + "x" + String(repeating: "</i>", count: 25_000))
        #expect(deep == String(repeating: "<b>", count: 32) + "x" + String(repeating: "</b>", count: 32))
    }
}

@Suite struct PlainTextTests {
    @Test func theTextOfAPostIsItsWordsByBlock() {
        let html = BodySanitizer.clean("<h2>Titre</h2><p>Un &amp; <em>deux</em> &lt;trois&gt;</p><ul><li>a</li><li>b</li></ul>").html
        #expect(BodySanitizer.plainText(html) == "Titre\nUn & deux <trois>\na\nb")
    }
}

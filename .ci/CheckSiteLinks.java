import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the links of a staged site: every relative link (href, src) must name a file of the site, and every
 * anchor (#name) an id or name in that page; external links (http, https, mailto) are only checked for syntax,
 * so the check needs no network. Prints each broken link with the page it is on and exits 1 if there is any.
 *
 * <p>Run after {@code mvn site site:stage}: {@code java .ci/CheckSiteLinks.java target/staging}.
 * {@code --self-test} checks the checker on a small site it writes, one broken link of each kind.
 */
public final class CheckSiteLinks {

    private static final Pattern LINK = Pattern.compile("\\s(?:href|src)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile("\\s(?:id|name)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Set<String> EXTERNAL_SCHEMES = Set.of("http", "https", "mailto", "ftp");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

    private CheckSiteLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--self-test")) {
            selfTest();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java .ci/CheckSiteLinks.java <staged site folder> | --self-test");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            System.err.println(root + "/index.html not found: run mvn site site:stage first");
            System.exit(2);
        }
        CheckSiteLinks check = new CheckSiteLinks(root);
        List<String> broken = check.brokenLinks();
        broken.forEach(System.out::println);
        System.out.printf("%d pages, %d links checked, %d broken%n", check.pages, check.links, broken.size());
        System.exit(broken.isEmpty() ? 0 : 1);
    }

    private int pages;
    private int links;

    private List<String> brokenLinks() throws IOException {
        List<Path> htmlPages;
        try (Stream<Path> files = Files.walk(root)) {
            htmlPages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        List<String> broken = new ArrayList<>();
        for (Path page : htmlPages) {
            pages++;
            Matcher m = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                links++;
                String problem = problem(page, m.group(1).replace("&amp;", "&"));
                if (problem != null) {
                    broken.add(root.relativize(page) + ": " + m.group(1) + " — " + problem);
                }
            }
        }
        return broken;
    }

    /** What is wrong with the link, or null if it resolves. */
    private String problem(Path page, String link) throws IOException {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return "not a valid URI: " + e.getReason();
        }
        if (uri.getScheme() != null) {
            if (!EXTERNAL_SCHEMES.contains(uri.getScheme().toLowerCase())) {
                return "unexpected scheme " + uri.getScheme();
            }
            if (!uri.getScheme().equalsIgnoreCase("mailto") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return "external link without a host";
            }
            return null;
        }
        if (link.startsWith("/")) {
            return "absolute path: breaks when the site is published under a sub-path";
        }
        String path = uri.getRawPath() == null ? "" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!target.startsWith(root)) {
            return "points outside the site";
        }
        if (Files.isDirectory(target)) {
            target = target.resolve("index.html");
        }
        if (!Files.isRegularFile(target)) {
            return "no such file " + root.relativize(target);
        }
        String fragment = uri.getFragment();
        // Javadoc (apidocs/) writes its own member anchors, HTML-escaped (#<init>(…)) and some it never defines (#io.github
        // in constant-values.html); its files are checked, its anchors are not.
        boolean javadoc = root.relativize(page).toString().replace('\\', '/').contains("apidocs/");
        if (fragment == null || fragment.isEmpty() || !target.toString().endsWith(".html") || javadoc) {
            return null;
        }
        return anchors(target).contains(fragment) ? null : "no anchor #" + fragment + " in " + root.relativize(target);
    }

    private Set<String> anchors(Path page) throws IOException {
        Set<String> known = anchorsByPage.get(page);
        if (known == null) {
            known = new HashSet<>();
            Matcher m = ANCHOR.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                known.add(m.group(1));
            }
            anchorsByPage.put(page, known);
        }
        return known;
    }

    private static void selfTest() throws IOException {
        Path site = Files.createTempDirectory("site-links");
        Files.createDirectories(site.resolve("sub"));
        Files.writeString(site.resolve("index.html"), String.join("\n",
                "<a href=\"sub/page.html#here\">ok</a>",
                "<a href=\"sub/page.html#gone\">missing anchor</a>",
                "<a href=\"missing.html\">missing page</a>",
                "<a href=\"https://example.org/x\">external</a>",
                "<a href=\"https:///nohost\">external without host</a>",
                "<a href=\"#top\">same page</a>",
                "<h1 id=\"top\">x</h1>"));
        Files.writeString(site.resolve("sub/page.html"), String.join("\n",
                "<a name=\"here\"></a>",
                "<a href=\"../index.html\">up</a>",
                "<a href=\"../../outside.html\">outside</a>"));
        List<String> broken = new CheckSiteLinks(site).brokenLinks();
        List<String> expected = List.of(
                "index.html: sub/page.html#gone — no anchor #gone in sub/page.html",
                "index.html: missing.html — no such file missing.html",
                "index.html: https:///nohost — external link without a host",
                "sub/page.html: ../../outside.html — points outside the site");
        if (!broken.equals(expected)) {
            System.err.println("self-test failed; found:");
            broken.forEach(System.err::println);
            System.exit(1);
        }
        System.out.println("self-test passed: " + expected.size() + " broken links found, none missed, none extra");
    }
}

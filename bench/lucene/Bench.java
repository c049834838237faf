/*
 * The Lucene side of `npm run bench`: Lucene 8's JapaneseAnalyzer (kuromoji, search mode, base forms, POS and
 * stop-word filters, katakana stemming) and BM25 over the same passages and questions as kiji-bot.
 *
 *   java -cp <lucene jars> bench/lucene/Bench.java build PASSAGES.tsv INDEX_DIR
 *   java -cp <lucene jars> bench/lucene/Bench.java query INDEX_DIR "質問"
 *   java -cp <lucene jars> bench/lucene/Bench.java coldbuild PASSAGES.tsv INDEX_DIR "質問"
 *   java -cp <lucene jars> bench/lucene/Bench.java warm INDEX_DIR QUESTIONS.txt [EXPECTED.tsv]
 *
 * PASSAGES.tsv: one passage per line, `id \t text \t context` (tabs and line breaks already replaced by spaces);
 * `context` (section heading and reader question) is searchable, as in kiji-bot, with half the weight.
 * build, warm and coldbuild print one JSON object; query prints the best passages' ids, then exits. Peak RSS is
 * read from /proc/self/status (VmHWM), so it is Linux only; elsewhere it is null.
 */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

public class Bench {
  static final int TOP = 3;

  public static void main(String[] args) throws Exception {
    if (args.length < 1) usage();
    switch (args[0]) {
      case "build" -> { if (args.length != 3) usage(); build(Paths.get(args[1]), Paths.get(args[2])); }
      case "query" -> { if (args.length != 3) usage(); query(Paths.get(args[1]), args[2]); }
      case "coldbuild" -> { if (args.length != 4) usage(); coldBuild(Paths.get(args[1]), Paths.get(args[2]), args[3]); }
      case "warm" -> { if (args.length != 3 && args.length != 4) usage(); warm(Paths.get(args[1]), Paths.get(args[2]), args.length == 4 ? Paths.get(args[3]) : null); }
      default -> usage();
    }
  }

  static void usage() {
    System.err.println("usage: Bench build PASSAGES.tsv INDEX_DIR | query INDEX_DIR QUESTION | coldbuild PASSAGES.tsv INDEX_DIR QUESTION | warm INDEX_DIR QUESTIONS.txt [EXPECTED.tsv]");
    System.exit(2);
  }

  /** Indexes the passages; returns {passages, characters}. */
  static long[] index(Path passages, Path indexDir, Analyzer analyzer) throws IOException {
    deleteTree(indexDir);
    long count = 0;
    long chars = 0;
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setSimilarity(new BM25Similarity());
    config.setRAMBufferSizeMB(256);
    try (FSDirectory dir = FSDirectory.open(indexDir);
        IndexWriter writer = new IndexWriter(dir, config);
        BufferedReader in = Files.newBufferedReader(passages, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.split("\t", -1);
        if (parts.length < 3) continue;
        Document doc = new Document();
        doc.add(new StoredField("id", parts[0]));
        doc.add(new TextField("text", parts[1], Field.Store.NO));
        doc.add(new TextField("context", parts[2], Field.Store.NO));
        writer.addDocument(doc);
        count++;
        chars += parts[1].length();
      }
      writer.forceMerge(1);
      writer.commit();
    }
    return new long[] {count, chars};
  }

  /** Loads the analyzer's dictionary, as kiji-bot's build figure leaves out its own dictionary load. */
  static Analyzer loadedAnalyzer() throws IOException {
    Analyzer analyzer = new JapaneseAnalyzer();
    try (TokenStream stream = analyzer.tokenStream("text", new StringReader("辞書を読み込む"))) {
      stream.reset();
      while (stream.incrementToken()) {
        // only loading
      }
      stream.end();
    }
    return analyzer;
  }

  static void build(Path passages, Path indexDir) throws IOException {
    Analyzer analyzer = loadedAnalyzer();
    long started = System.nanoTime();
    long[] counts = index(passages, indexDir, analyzer);
    double ms = (System.nanoTime() - started) / 1e6;
    System.out.println("{\"buildMs\":" + ms + ",\"passages\":" + counts[0] + ",\"characters\":" + counts[1]
        + ",\"indexBytes\":" + treeSize(indexDir) + ",\"peakRssKb\":" + peakRssKb() + "}");
  }

  static void query(Path indexDir, String question) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
      Searcher searcher = new Searcher(reader);
      printHits(searcher, question);
    }
  }

  static void coldBuild(Path passages, Path indexDir, String question) throws IOException {
    index(passages, indexDir, new JapaneseAnalyzer());
    query(indexDir, question);
  }

  static void printHits(Searcher searcher, String question) throws IOException {
    TopDocs top = searcher.search(question);
    StringBuilder out = new StringBuilder();
    out.append("{\"query\":").append(json(question)).append(",\"ids\":[");
    for (int i = 0; i < top.scoreDocs.length; i++) {
      if (i > 0) out.append(',');
      out.append(json(searcher.searcher.doc(top.scoreDocs[i].doc).get("id")));
    }
    System.out.println(out.append("]}"));
    System.out.flush();
  }

  static void warm(Path indexDir, Path questionsFile, Path expectedFile) throws IOException {
    List<String> questions = new ArrayList<>();
    for (String line : Files.readAllLines(questionsFile, StandardCharsets.UTF_8)) if (!line.isBlank()) questions.add(line);
    // `question \t articleId` (empty: nothing answers it): does the article a generated question came from come back?
    Map<String, String> expected = new HashMap<>();
    if (expectedFile != null) {
      for (String line : Files.readAllLines(expectedFile, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t", -1);
        if (parts.length == 2 && !parts[0].isEmpty()) expected.put(parts[0], parts[1]);
      }
    }
    long answerable = 0, hits = 0, unanswerable = 0, declined = 0;
    long opening = System.nanoTime();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
      Searcher searcher = new Searcher(reader);
      double openMs = (System.nanoTime() - opening) / 1e6;
      long first = System.nanoTime();
      searcher.search(questions.get(0));
      double firstMs = (System.nanoTime() - first) / 1e6;
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      long heap = runtime.totalMemory() - runtime.freeMemory();
      int answered = 0;
      // Warm-up: the first BENCH_WARMUP questions (all when unset), as on the kiji-bot side.
      for (String q : questions.subList(0, warmupCount(questions.size()))) searcher.search(q);
      double[] ms = new double[questions.size()];
      // CPU time of this thread per question (JIT and GC threads are not counted): on a busy machine it leaves
      // out the time spent waiting for a core.
      double[] cpuMs = new double[questions.size()];
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      for (int i = 0; i < questions.size(); i++) {
        long cpu = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        TopDocs top = searcher.search(questions.get(i));
        ms[i] = (System.nanoTime() - t) / 1e6;
        cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        if (top.scoreDocs.length > 0) answered++;
        String articleId = expected.get(questions.get(i));
        if (articleId == null) continue;
        if (articleId.isEmpty()) {
          unanswerable++;
          if (top.scoreDocs.length == 0) declined++;
        } else {
          answerable++;
          for (ScoreDoc hit : top.scoreDocs) {
            if (searcher.searcher.doc(hit.doc).get("id").startsWith(articleId + "#")) {
              hits++;
              break;
            }
          }
        }
      }
      Arrays.sort(ms);
      Arrays.sort(cpuMs);
      System.out.println("{\"questions\":" + ms.length + ",\"answered\":" + answered + ",\"openMs\":" + openMs
          + ",\"firstQueryMs\":" + firstMs + ",\"found\":{\"answerable\":" + answerable + ",\"hits\":" + hits
          + ",\"unanswerable\":" + unanswerable + ",\"declined\":" + declined + "}" + ",\"p50\":" + pct(ms, 50) + ",\"p95\":" + pct(ms, 95) + ",\"p99\":" + pct(ms, 99)
          + ",\"max\":" + ms[ms.length - 1] + ",\"cpuP50\":" + pct(cpuMs, 50) + ",\"cpuP99\":" + pct(cpuMs, 99) + ",\"heapAfterLoadBytes\":" + heap + ",\"peakRssKb\":" + peakRssKb() + "}");
    }
  }

  static int warmupCount(int total) {
    try {
      int wanted = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", ""));
      return wanted >= 0 ? Math.min(wanted, total) : total;
    } catch (NumberFormatException e) {
      return total;
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double pct(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** BM25 over `text`, plus `context` at half weight; the question analysed by the same JapaneseAnalyzer. */
  static final class Searcher {
    final IndexSearcher searcher;
    final Analyzer analyzer = new JapaneseAnalyzer();

    Searcher(DirectoryReader reader) {
      searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
    }

    TopDocs search(String question) throws IOException {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      int clauses = 0;
      try (TokenStream stream = analyzer.tokenStream("text", new StringReader(question))) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        stream.reset();
        while (stream.incrementToken() && clauses < 500) {
          String word = term.toString();
          builder.add(new TermQuery(new Term("text", word)), BooleanClause.Occur.SHOULD);
          Query context = new BoostQuery(new TermQuery(new Term("context", word)), 0.5f);
          builder.add(context, BooleanClause.Occur.SHOULD);
          clauses += 2;
        }
        stream.end();
      }
      return searcher.search(builder.build(), TOP);
    }
  }

  static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  static Long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return null;
  }

  static long treeSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) Files.delete(p);
    }
  }
}

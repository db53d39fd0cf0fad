package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.testsupport.TestSignatures;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.api.ApiWebhooks;

/**
 * The console in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed
 * with apt-get when they are missing) against this worker with its embedded Kafka and PostgreSQL. Signs in, finds a message by
 * its words, opens it and its status timeline, opens the conversation thread, sees an image preview, redrives a dead
 * letter and sees it stored, signs out. Screenshots go to {@code target/console-screenshots/}.
 */
class BrowserTourTest extends WorkerIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final int IMAGE_WIDTH = 240;

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            installChromium();
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver, and could not "
                    + "install them: apt-get install chromium chromium-driver");
        }
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /**
     * On a fresh Debian machine the README's test command installs what this test needs, as {@code .ci/run} does for
     * {@code wrk}: {@code apt-get install}, after {@code apt-get update} when the first try fails.
     */
    private static void installChromium() {
        for (List<String> command : List.of(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"),
                List.of("apt-get", "update", "-q"), List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"))) {
            try {
                Process apt = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (apt.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) && apt.exitValue() == 0
                        && Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
                    return;
                }
            }
            catch (IOException noAptGet) {
                return;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFindsReadsAndRedrivesInTheBrowser() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String contact = "5511977" + (100_000 + (int) (Math.random() * 800_000));
        String words = "where is order " + run;
        String text = "wamid.tour.text." + run;
        String outbound = "wamid.tour.out." + run;
        String image = "wamid.tour.image." + run;
        String mediaId = Long.toString(700_000_000_000_000L + (long) (Math.random() * 1e12));
        long now = Instant.now().getEpochSecond();
        publish(inbound(contact, ApiWebhooks.text(text, contact, now - 120, words)));
        publish(status(contact, outbound, now - 60, "sent"));
        publish(status(contact, outbound, now - 55, "read"));
        publish(inbound(contact, """
                {"from":"%s","id":"%s","timestamp":"%d","type":"image","image":{"id":"%s","mime_type":"image/png","sha256":"%s"}}"""
                .formatted(contact, image, now - 30, mediaId, Base64.getEncoder().encodeToString(new byte[32]))));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM whatsapp_media WHERE media_id = ?").param(mediaId)
                .query(Long.class).single() == 1);
        storeImage(mediaId);
        long letter = deadLetter(contact, "wamid.tour.dead." + run, now - 10, "redriven " + run);

        open("/console/messages");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        browser.findElement(By.name("username")).sendKeys("operator");
        browser.findElement(By.name("password")).sendKeys("operator-password");
        screenshot("01-sign-in");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.tagName("h1")).getText()).isEqualTo("Messages"));

        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM whatsapp_message WHERE message_id = ?").param(text)
                .query(Long.class).single() == 1);
        browser.findElement(By.name("q")).sendKeys(words);
        browser.findElement(By.cssSelector("form.filters button")).click();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("q=where+is+order+" + run);
            assertThat(browser.findElement(By.cssSelector("table.list")).getText()).contains(words);
        });
        screenshot("02-messages-search");
        browser.findElement(By.cssSelector("table.list tbody a")).click();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.cssSelector("dd.id")).getText()).isEqualTo(text));
        assertThat(browser.findElement(By.cssSelector("pre.json")).getText()).contains(words);
        screenshot("03-message");

        open("/console/messages/" + outbound);
        assertThat(browser.findElements(By.cssSelector("ol.timeline li")).stream().map(WebElement::getText).toList())
                .hasSize(2).first().asString().startsWith("sent");
        assertThat(browser.findElement(By.cssSelector("ol.timeline")).getText()).contains("read");
        screenshot("04-status-timeline");

        open("/console/conversations/" + contact);
        assertThat(browser.findElements(By.cssSelector("ol.thread li")).stream().map(e -> e.getAttribute("class")).toList())
                .containsExactly("in", "out", "in");
        assertThat(browser.findElement(By.cssSelector("ol.thread li.out")).getText()).contains("read");
        screenshot("05-conversation");

        open("/console/messages/" + image);
        WebElement preview = browser.findElement(By.cssSelector("img.preview"));
        await().atMost(Duration.ofSeconds(60)).until(() -> (Boolean) ((JavascriptExecutor) browser)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", preview));
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", preview)).intValue())
                .isEqualTo(IMAGE_WIDTH);
        screenshot("06-image-preview");

        open("/console/dead-letters/0/" + letter);
        screenshot("07-dead-letter");
        browser.findElement(By.cssSelector("button.redrive")).click();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.cssSelector("p.outcome")).getText()).contains("back through the worker"));
        screenshot("08-redriven");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            open("/console/messages?q=redriven+" + run);
            assertThat(browser.findElement(By.cssSelector("table.list")).getText()).contains("redriven " + run);
        });

        open("/console/failures");
        screenshot("09-failures");
        open("/console/pipeline");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect.messages"))).isNotEmpty();
        screenshot("11-pipeline");
        open("/console/messages");
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("10-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.findElement(By.cssSelector("form.signout button")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.getCurrentUrl().endsWith("/console/login?signed-out"));
        open("/console/messages");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** The image as the downloader would have left it: a file under MEDIA_ROOT and its job stored. */
    private void storeImage(String mediaId) throws IOException {
        String relative = "tour/" + mediaId + ".png";
        Path file = Path.of("target/test-media").resolve(relative);
        Files.createDirectories(file.getParent());
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(IMAGE_WIDTH, 150, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D paint = picture.createGraphics();
        paint.setColor(new java.awt.Color(0x0b7a5c));
        paint.fillRect(0, 0, IMAGE_WIDTH, 150);
        paint.setColor(java.awt.Color.WHITE);
        paint.fillOval(70, 25, 100, 100);
        paint.dispose();
        javax.imageio.ImageIO.write(picture, "png", file.toFile());
        jdbc.sql("UPDATE whatsapp_media SET state = 'stored', file_path = ?, file_size = ?, downloaded_at = now() WHERE media_id = ?")
                .params(relative, Files.size(file), mediaId).update();
    }

    /** A webhook that once failed for a cause fixed since, on the dead-letter topic as the worker writes them. */
    private static long deadLetter(String contact, String id, long time, String words) {
        byte[] body = inbound(contact, ApiWebhooks.text(id, contact, time, words)).getBytes(StandardCharsets.UTF_8);
        var record = new WebhookRecord(contact, body, Instant.now(), "tour-" + id, TestSignatures.sign(body)).toProducerRecord(WebhookTopics.DEAD_LETTER, 0);
        record.headers().add(WebhookHeaders.DEAD_LETTER_REASON, "the database refused it before a fix".getBytes(StandardCharsets.UTF_8));
        record.headers().add("kafka_dlt-original-topic", WebhookTopics.RAW.getBytes(StandardCharsets.UTF_8));
        record.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(1).array());
        record.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(99).array());
        return publish(record).offset();
    }

    private static String inbound(String contact, String item) {
        return ApiWebhooks.messages("PN-TOUR", contact, "Tour Customer", item);
    }

    private static String status(String contact, String id, long time, String status) {
        return ApiWebhooks.statuses("PN-TOUR", ApiWebhooks.status(id, status, time, contact));
    }
}

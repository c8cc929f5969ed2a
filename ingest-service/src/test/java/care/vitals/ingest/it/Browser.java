package care.vitals.ingest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import care.vitals.testsupport.ServerBinaries;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium). Both are
 * located like the test servers: missing under {@code CI=true} fails the test, elsewhere
 * skips it with the package to install. Selenium Manager is never asked to download a
 * browser or a driver. Every step can keep a screenshot under
 * {@code target/station-screenshots/}.
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "station-screenshots");

	private final ChromeDriver driver;

	private final String base;

	private final String name;

	private int step;

	Browser(int port, String name) {
		Path chromium = ServerBinaries.locate("chromium", "chromium");
		Path chromedriver = ServerBinaries.locate("chromedriver", "chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,1000", "--lang=en-GB");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.base = "http://127.0.0.1:" + port;
		this.name = name;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void open(String path) {
		this.driver.get(this.base + path);
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	boolean present(String css) {
		return !this.driver.findElements(By.cssSelector(css)).isEmpty();
	}

	/**
	 * The element's text, read in one script call: the board replaces its beds every
	 * refresh, so an element found in one call may be gone in the next.
	 */
	String text(String css) {
		return (String) this.driver
			.executeScript("var e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
	}

	/** An attribute of the element, read in one script call (see {@link #text}). */
	String attr(String css, String name) {
		return (String) this.driver.executeScript(
				"var e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css,
				name);
	}

	/** Clicks the element, finding it again if a refresh replaced it in between. */
	void click(String css) {
		for (int attempt = 0;; attempt++) {
			try {
				find(css).click();
				return;
			}
			catch (org.openqa.selenium.StaleElementReferenceException ex) {
				if (attempt > 5) {
					throw ex;
				}
			}
		}
	}

	void logIn(String username, String password) {
		open("/login");
		find("#username").sendKeys(username);
		find("#password").sendKeys(password);
		submit("#login");
	}

	/**
	 * Clicks a button that submits a form and waits until the browser has left the page
	 * (the next page is loading or loaded), so that what follows reads the next page.
	 */
	void submit(String css) {
		WebElement page = find("html");
		click(css);
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).withMessage("the page after " + css)
			.until((d) -> left(page));
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).withMessage("the page after " + css + " loaded")
			.until((d) -> "complete".equals(this.driver.executeScript("return document.readyState")));
	}

	/**
	 * Whether the browser has left the page of this element. Chromium answers a question
	 * about an element of a page it is leaving with "stale" or, in the middle of the
	 * navigation, "node does not belong to the document": both mean gone.
	 */
	private static boolean left(WebElement page) {
		try {
			page.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return true;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/** Waits for a condition the page reaches on its own (live update), at most 30 s. */
	void await(String description, java.util.function.Predicate<Browser> condition) {
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).withMessage(description)
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until((d) -> condition.test(this));
	}

	/** Runs a fetch in the page (its session cookie) and returns the HTTP status. */
	long fetchStatus(String method, String path, boolean withCsrf) {
		Object status = this.driver.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var h = {'X-Requested-With': 'fetch'};
				if (arguments[2]) {
				  h[document.querySelector('meta[name=_csrf_header]').content] =
				      document.querySelector('meta[name=_csrf]').content;
				}
				fetch(arguments[1], {method: arguments[0], headers: h, credentials: 'same-origin'})
				  .then(function (r) { done(r.status); }, function (e) { done(-1); });
				""", method, path, withCsrf);
		return (Long) status;
	}

	/**
	 * Runs a fetch with a JSON body in the page (its session cookie and CSRF token) and
	 * returns the HTTP status, as the page's own scripts call the API.
	 */
	long fetchJson(String method, String path, String json) {
		Object status = this.driver.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var h = {'X-Requested-With': 'fetch', 'Content-Type': 'application/json'};
				h[document.querySelector('meta[name=_csrf_header]').content] =
				    document.querySelector('meta[name=_csrf]').content;
				fetch(arguments[1], {method: arguments[0], headers: h, body: arguments[2], credentials: 'same-origin'})
				  .then(function (r) { done(r.status); }, function (e) { done(-1); });
				""", method, path, json);
		return (Long) status;
	}

	/**
	 * Every visible element with text of its own whose text contrasts less than 4.5:1
	 * with its background (WCAG 2.1 AA, 1.4.3), as "selector: ratio", computed by the
	 * browser from the styles it renders with.
	 */
	@SuppressWarnings("unchecked")
	java.util.List<String> lowContrast() {
		return (java.util.List<String>) this.driver.executeScript(
				"""
						function rgb(c) { var m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
						function lum(c) { return [c.r, c.g, c.b].map(function (v) { v /= 255;
						    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
						  .reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
						function background(e) { for (; e; e = e.parentElement) { var c = rgb(getComputedStyle(e).backgroundColor);
						    if (c.a > 0) { return c; } } return {r: 255, g: 255, b: 255, a: 1}; }
						var low = [];
						document.querySelectorAll('body *').forEach(function (e) {
						  var own = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
						  if (!own || !e.offsetParent) { return; }
						  var a = lum(rgb(getComputedStyle(e).color)), b = lum(background(e));
						  var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
						  if (ratio < 4.5) { low.push(e.tagName + '.' + e.className + ' "' + e.textContent.trim().slice(0, 30) + '": ' + ratio.toFixed(2)); }
						});
						return low;
						""");
	}

	/**
	 * Keeps a screenshot with the element scrolled into view, then scrolls back to the
	 * top (where the header's buttons are).
	 */
	void screenshotOf(String css, String what) {
		this.driver.executeScript("document.querySelector(arguments[0]).scrollIntoView()", css);
		screenshot(what);
		this.driver.executeScript("window.scrollTo(0, 0)");
	}

	/** Keeps a screenshot of the page as it is: {@code <test>-<step>-<what>.png}. */
	void screenshot(String what) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", this.name, ++this.step, what)),
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}

package io.nightshift.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.nightshift.aggregate.PerfTrends;
import io.nightshift.aggregate.Trends;
import io.nightshift.ledger.LedgerHistory;
import io.nightshift.ledger.LedgerVerification;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.Tenants;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.query.ExecutionDetail;
import io.nightshift.platform.query.ExecutionQueries;
import io.nightshift.platform.query.ExecutionSummary;
import io.nightshift.platform.query.JobSummaries;
import io.nightshift.platform.schedule.Gaps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard: server-rendered pages over the same queries as the command line. Read
 * pages need a viewer token; the restart and stop buttons need an operator (and carry
 * CSRF tokens).
 */
@Controller
class PageController {

	private final JobSummaries jobs;

	private final ExecutionQueries executions;

	private final Gaps gaps;

	private final LaunchService launcher;

	private final ExecutionControl control;

	private final LedgerVerification ledgerVerification;

	private final LedgerHistory ledgerHistory;

	private final PerfTrends perfTrends;

	private final Tenants tenants;

	private final JdbcClient jdbc;

	PageController(JobSummaries jobs, ExecutionQueries executions, Gaps gaps, LaunchService launcher,
			ExecutionControl control, LedgerVerification ledgerVerification, LedgerHistory ledgerHistory,
			PerfTrends perfTrends, Tenants tenants, JdbcClient jdbc) {
		this.jobs = jobs;
		this.executions = executions;
		this.gaps = gaps;
		this.launcher = launcher;
		this.control = control;
		this.ledgerVerification = ledgerVerification;
		this.ledgerHistory = ledgerHistory;
		this.perfTrends = perfTrends;
		this.tenants = tenants;
		this.jdbc = jdbc;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String overview(Model model, Authentication caller) {
		LocalDate today = LocalDate.now();
		model.addAttribute("jobs", this.jobs.all());
		model.addAttribute("gaps", this.gaps.find(today.minusDays(7), today.minusDays(1), Optional.empty()));
		model.addAttribute("running", this.executions.list(null, "STARTED", null, 50));
		model.addAttribute("failed", this.executions.list(null, "FAILED", today.minusDays(1), 20));
		return page(model, caller, "overview", "Overview");
	}

	@GetMapping("/executions")
	String executions(@RequestParam(required = false) String job, @RequestParam(required = false) String state,
			@RequestParam(required = false) LocalDate since, @RequestParam(required = false) Long before, Model model,
			Authentication caller) {
		String job1 = (job == null || job.isBlank()) ? null : job;
		String state1 = (state == null || state.isBlank()) ? null : state.toUpperCase();
		List<ExecutionSummary> page = this.executions.list(job1, state1, since, 50, before);
		model.addAttribute("executions", page);
		model.addAttribute("jobNames", this.jobs.all().stream().map(JobSummaries.JobSummary::name).toList());
		model.addAttribute("job", job1);
		model.addAttribute("state", state1);
		model.addAttribute("since", since);
		model.addAttribute("next", (page.size() == 50) ? page.get(49).id() : null);
		return page(model, caller, "executions", "Executions");
	}

	@GetMapping("/executions/{id}")
	String execution(@PathVariable long id, Model model, Authentication caller) {
		ExecutionDetail detail = this.executions.detail(id)
			.orElseThrow(() -> NightshiftException.notFound("no execution " + id));
		model.addAttribute("detail", detail);
		String status = detail.execution().status();
		model.addAttribute("restartable", status.equals("FAILED") || status.equals("STOPPED"));
		model.addAttribute("stoppable", status.equals("STARTED") || status.equals("STARTING"));
		return page(model, caller, "execution", "Execution " + id);
	}

	@PostMapping("/executions/{id}/restart")
	String restart(@PathVariable long id, Principal caller, RedirectAttributes redirect) {
		LaunchOutcome outcome = this.launcher.restart(id,
				new Requester(Trigger.API, caller.getName(), "restarted from the dashboard"));
		redirect.addFlashAttribute("message", outcome.message());
		return "redirect:/executions/" + ((outcome.executionId() != null) ? outcome.executionId() : id);
	}

	@PostMapping("/executions/{id}/stop")
	String stop(@PathVariable long id, Principal caller, RedirectAttributes redirect) {
		LaunchOutcome outcome = this.control.stop(id,
				new Requester(Trigger.API, caller.getName(), "stopped from the dashboard"), java.time.Duration.ZERO);
		redirect.addFlashAttribute("message", outcome.message());
		return "redirect:/executions/" + id;
	}

	@GetMapping("/ledger")
	String ledger(Model model, Authentication caller) {
		model.addAttribute("verification", this.ledgerVerification.verify(null));
		model.addAttribute("tenants", this.tenants.ids());
		return page(model, caller, "ledger", "Evidence ledger");
	}

	@GetMapping("/ledger/{tenant}")
	String ledgerTenant(@PathVariable String tenant, @RequestParam(required = false) String kind,
			@RequestParam(defaultValue = "1") int page, Model model, Authentication caller) {
		LedgerHistory.Page history = this.ledgerHistory.page(tenant, (kind == null || kind.isBlank()) ? null : kind,
				page, 50);
		model.addAttribute("history", history);
		model.addAttribute("verification", this.ledgerVerification.verify(tenant));
		return page(model, caller, "ledger-tenant", "Ledger of " + tenant);
	}

	@GetMapping("/perf")
	String perf(@RequestParam(required = false) String project, @RequestParam(required = false) String target,
			@RequestParam(defaultValue = "all") String tenant, Model model, Authentication caller) {
		List<String[]> pairs = this.jdbc.sql("SELECT DISTINCT project, target FROM perf_aggregate ORDER BY 1, 2")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		model.addAttribute("pairs", pairs);
		if (project == null && !pairs.isEmpty()) {
			project = pairs.get(0)[0];
			target = pairs.get(0)[1];
		}
		if (project != null && target != null) {
			Trends trends = this.perfTrends.trends(project, target, tenant, null);
			model.addAttribute("trends", trends);
			model.addAttribute("chart", Charts.line(
					trends.days().stream().map((day) -> new Charts.Point(day.day().toString(), day.p95())).toList(),
					"p95 (ms)"));
		}
		model.addAttribute("project", project);
		model.addAttribute("target", target);
		model.addAttribute("tenant", tenant);
		return page(model, caller, "perf", "Build performance");
	}

	private static String page(Model model, Authentication caller, String view, String title) {
		model.addAttribute("title", title);
		model.addAttribute("user", caller.getName());
		model.addAttribute("operator",
				caller.getAuthorities().stream().anyMatch((role) -> role.getAuthority().equals("ROLE_OPERATOR")));
		return view;
	}

}

package io.connectionsconsole.audit;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The account's audit trail: the latest changes, newest first. */
@Controller
class AuditController {

	static final String VIEW = "audit/list";

	static final int SHOWN = 200;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String list(@AuthenticationPrincipal(expression = "accountId().value()") String accountId, Model model) {
		model.addAttribute("events", audit.latest(accountId, SHOWN));
		model.addAttribute("shown", SHOWN);
		return VIEW;
	}

}

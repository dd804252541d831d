/* A fault helper shared by several drivers: a wait here is named for the helper, not for one driver's vm_ops. */
#include <linux/mm.h>

struct helper_bo {
	struct completion *idle;
	struct page **pages;
	unsigned long count;
};

vm_fault_t helper_fault_idle(struct vm_fault *vmf, struct helper_bo *bo)
{
	wait_for_completion(bo->idle); /* expect: dmabuf/fault-sync error "page fault handling in helper_fault_idle()" */
	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

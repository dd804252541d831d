/*
 * Fault handlers whose placement may be empty where they validate their buffer: each reaches the
 * wait behind an empty placement (or, for the jump, behind a placed one).
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_placement {
	unsigned int count;
};

struct core_buffer {
	struct core_placement placement;
	struct core_placement *spare;
	struct core_buffer *peer;
	struct completion *idle;
	struct page **pages;
	unsigned long npages;
	int flags;
};

void core_touch(struct core_buffer *b);

/* Counts the domains asked for: none asked, none counted. */
static void core_fill(struct core_buffer *b, unsigned int domain)
{
	struct core_placement *placement = &b->placement;
	unsigned int c = 0;

	if (domain & CORE_DOMAIN_VRAM)
		c++;
	if (domain & CORE_DOMAIN_GTT)
		c++;
	placement->count = c;
}

/* Counts the domains asked for, and system memory when none was. */
static void core_fill_one(struct core_buffer *b, unsigned int domain)
{
	unsigned int *n = &b->placement.count;

	*n = 0;
	if (domain & CORE_DOMAIN_VRAM)
		(*n)++;
	if (!*n)
		(*n)++;
}

static int core_fill_checked(struct core_buffer *b)
{
	b->placement.count = 1;
	return 1;
}

/* A domain the helper does not count leaves the placement empty. */
static int uncounted_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler uncounted_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t uncounted_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	core_fill(b, CORE_DOMAIN_CPU);
	uncounted_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct uncounted_vm_ops = {
	.fault = uncounted_fault,
};

static int uncounted_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &uncounted_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops uncounted_ops = {
	.mmap = uncounted_mmap,
};

/* Filled on one branch only. */
static int one_branch_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler one_branch_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t one_branch_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (b->flags & CORE_FLAG_TILED)
		core_fill(b, CORE_DOMAIN_VRAM);
	one_branch_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct one_branch_vm_ops = {
	.fault = one_branch_fault,
};

static int one_branch_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &one_branch_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops one_branch_ops = {
	.mmap = one_branch_mmap,
};

/* A call given the buffer may change its placement. */
static int touched_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler touched_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t touched_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	core_fill(b, CORE_DOMAIN_VRAM);
	core_touch(b);
	touched_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct touched_vm_ops = {
	.fault = touched_fault,
};

static int touched_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &touched_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops touched_ops = {
	.mmap = touched_mmap,
};

/* A store in a loop may run or not. */
static int loop_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler loop_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t loop_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	unsigned long i;

	core_fill(b, CORE_DOMAIN_VRAM);
	for (i = 0; i < b->npages; i++)
		b->placement.count = 0;
	loop_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct loop_vm_ops = {
	.fault = loop_fault,
};

static int loop_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &loop_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops loop_ops = {
	.mmap = loop_mmap,
};

/* A store to the count through another pointer may be to this placement. */
static int other_path_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler other_path_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t other_path_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	struct core_placement *q = b->spare;

	core_fill(b, CORE_DOMAIN_VRAM);
	q->count = 0;
	other_path_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct other_path_vm_ops = {
	.fault = other_path_fault,
};

static int other_path_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &other_path_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops other_path_ops = {
	.mmap = other_path_mmap,
};

/* A helper called in a condition may not run. */
static int checked_fill_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler checked_fill_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t checked_fill_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (b->flags && core_fill_checked(b))
		return VM_FAULT_NOPAGE;
	checked_fill_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct checked_fill_vm_ops = {
	.fault = checked_fill_fault,
};

static int checked_fill_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &checked_fill_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops checked_fill_ops = {
	.mmap = checked_fill_mmap,
};

/* A jump from inside a branch reaches the label without the store between. */
static int jumped_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		return 0;
	wait_for_completion(b->idle); /* expect: dmabuf/fault-sync error "page fault handler jumped_vm_ops.fault reaches wait_for_completion()" */
	return 0;
}

static vm_fault_t jumped_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	b->placement.count = 1;
	if (b->flags) {
		if (b->npages > 16)
			goto validate;
	}
	b->placement.count = 0;
validate:
	jumped_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct jumped_vm_ops = {
	.fault = jumped_fault,
};

static int jumped_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &jumped_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops jumped_ops = {
	.mmap = jumped_mmap,
};

/*
 * Fault handlers that validate their buffer against a placement they filled so that it is never
 * empty: the wait behind an empty placement is never reached from them (see the README's scanner
 * section on what callers pass).
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

/* A domain the helper counts: the placement is never empty. */
static int counted_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t counted_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	core_fill(b, CORE_DOMAIN_VRAM | CORE_DOMAIN_CPU);
	counted_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct counted_vm_ops = {
	.fault = counted_fault,
};

static int counted_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &counted_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops counted_ops = {
	.mmap = counted_mmap,
};

/* A helper that falls back to one place, through a pointer to the count. */
static int one_at_least_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t one_at_least_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	core_fill_one(b, b->flags);
	one_at_least_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct one_at_least_vm_ops = {
	.fault = one_at_least_fault,
};

static int one_at_least_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &one_at_least_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops one_at_least_ops = {
	.mmap = one_at_least_mmap,
};

/* Filled on both branches (one of which may return first). */
static int both_branches_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t both_branches_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (b->flags & CORE_FLAG_TILED) {
		if (!b->npages)
			return VM_FAULT_SIGBUS;
		core_fill(b, CORE_DOMAIN_VRAM);
	} else {
		core_fill(b, CORE_DOMAIN_GTT);
	}
	both_branches_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct both_branches_vm_ops = {
	.fault = both_branches_fault,
};

static int both_branches_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &both_branches_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops both_branches_ops = {
	.mmap = both_branches_mmap,
};

/* A call given another buffer leaves this one's placement as filled. */
static int other_buffer_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t other_buffer_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	struct core_buffer *other = b->peer;

	core_fill(b, CORE_DOMAIN_VRAM);
	core_touch(other);
	other_buffer_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct other_buffer_vm_ops = {
	.fault = other_buffer_fault,
};

static int other_buffer_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &other_buffer_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops other_buffer_ops = {
	.mmap = other_buffer_mmap,
};

/* An empty placement is given one place before the call, tested through ||. */
static int set_when_empty_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t set_when_empty_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	b->placement.count = 0;
	if ((b->flags == 1 && b->npages) || b->placement.count == 0)
		b->placement.count = 1;
	set_when_empty_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct set_when_empty_vm_ops = {
	.fault = set_when_empty_fault,
};

static int set_when_empty_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &set_when_empty_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops set_when_empty_ops = {
	.mmap = set_when_empty_mmap,
};

/* A fault that refuses an empty placement first. */
static int refused_when_empty_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t refused_when_empty_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (!b->placement.count)
		return VM_FAULT_SIGBUS;
	refused_when_empty_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct refused_when_empty_vm_ops = {
	.fault = refused_when_empty_fault,
};

static int refused_when_empty_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &refused_when_empty_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops refused_when_empty_ops = {
	.mmap = refused_when_empty_mmap,
};

/* Two calls, each after a fill: what holds at either holds in the callee. */
static int filled_twice_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t filled_twice_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	core_fill(b, CORE_DOMAIN_VRAM);
	filled_twice_validate(b, &b->placement);
	core_fill(b, CORE_DOMAIN_GTT);
	filled_twice_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct filled_twice_vm_ops = {
	.fault = filled_twice_fault,
};

static int filled_twice_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &filled_twice_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops filled_twice_ops = {
	.mmap = filled_twice_mmap,
};

/* A placement emptied before a call that waits only for a placed buffer. */
static int busy_but_empty_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		return 0;
	wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t busy_but_empty_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	b->placement.count = 0;
	busy_but_empty_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct busy_but_empty_vm_ops = {
	.fault = busy_but_empty_fault,
};

static int busy_but_empty_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &busy_but_empty_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops busy_but_empty_ops = {
	.mmap = busy_but_empty_mmap,
};

/* Counts written with a suffix or in hex are counts all the same. */
static void core_fill_literal(struct core_buffer *b, unsigned int domain)
{
	if (domain & CORE_DOMAIN_VRAM)
		b->placement.count = 1U;
	else if (domain & CORE_DOMAIN_GTT)
		b->placement.count = 0x2;
	else
		b->placement.count = 1ul;
}

static int literal_validate(struct core_buffer *b, struct core_placement *placement)
{
	if (!placement->count)
		wait_for_completion(b->idle);
	return 0;
}

static vm_fault_t literal_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	core_fill_literal(b, b->flags);
	literal_validate(b, &b->placement);
	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct literal_vm_ops = {
	.fault = literal_fault,
};

static int literal_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &literal_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops literal_ops = {
	.mmap = literal_mmap,
};

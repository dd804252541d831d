/* Suppressions on a finding's own line, and in comment lines just above it. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int trailing_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vma->vm_ops = &core_vm_ops; /* mmapcheck-ignore dmabuf/fault-interception, dmabuf/mmap-expandable: zaps fake coherency; mremap is refused by the driver */ /* suppressed: dmabuf/fault-interception */ /* suppressed: dmabuf/mmap-expandable */
	return 0;
}

static int line_comment_above_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	// mmapcheck-ignore dmabuf/fault-interception: zaps fake coherency
	vma->vm_ops = &core_vm_ops; /* suppressed: dmabuf/fault-interception */
	return 0;
}

static int block_above_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	/*
	 * mmapcheck-ignore dmabuf/fault-interception: the fault handler only
	 * inserts pages; it never waits for the device
	 */
	vma->vm_ops = &core_vm_ops; /* suppressed: dmabuf/fault-interception */
	return 0;
}

static int other_rule_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	/* mmapcheck-ignore dmabuf/mmap-expandable: silences that rule only */
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */ /* suppressed: dmabuf/mmap-expandable */
	return 0;
}

static int blank_line_between_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	/* mmapcheck-ignore dmabuf/fault-interception: a blank line below cuts it off */

	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static int code_line_above_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND); /* mmapcheck-ignore dmabuf/fault-interception: on a line of code, it reaches that line only */
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops trailing_ops = {
	.mmap = trailing_mmap,
};

static const struct dma_buf_ops line_comment_above_ops = {
	.mmap = line_comment_above_mmap,
};

static const struct dma_buf_ops block_above_ops = {
	.mmap = block_above_mmap,
};

static const struct dma_buf_ops other_rule_ops = {
	.mmap = other_rule_mmap,
};

static const struct dma_buf_ops blank_line_between_ops = {
	.mmap = blank_line_between_mmap,
};

static const struct dma_buf_ops code_line_above_ops = {
	.mmap = code_line_above_mmap,
};
